using System.CommandLine;
using Npgsql;
using Syn2Mas.Bench.Generation;
using Syn2Mas.Bench.Running;

namespace Syn2Mas.Bench;

/// <summary>The benchmark's command line: parses, runs, and turns failures into one line and an exit code.</summary>
public static class BenchApp
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadUsage = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("Benchmark tooling for syn2mas-net: deterministic Synapse data at any size, and the runner that measures the tool on it.");
        root.Subcommands.Add(GenerateCommand.Build(output, error));
        root.Subcommands.Add(RunCommand.Build(output, error));
        root.Subcommands.Add(ReadCommand.Build(output, error));
        root.Subcommands.Add(VerifyCommand.Build(output, error));
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}");
            }

            await error.WriteLineAsync("Run with --help for the commands and their options.");
            return BadUsage;
        }

        try
        {
            var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
            return await parseResult.InvokeAsync(invocation, cancellationToken);
        }
        catch (GeneratorException exception)
        {
            await error.WriteLineAsync($"error: {exception.Message}");
            return BadUsage;
        }
        catch (BenchmarkFailedException exception)
        {
            await error.WriteLineAsync($"error: {exception.Message}");
            return Failure;
        }
        catch (Exception exception) when (exception is Syn2Mas.Net.Configuration.ConfigurationException or Syn2Mas.Net.Mapping.MappingException)
        {
            await error.WriteLineAsync($"error: {exception.Message}");
            return Failure;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("error: cancelled.");
            return Failure;
        }
        catch (Exception exception) when (exception is NpgsqlException or Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: {exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")}");
            return Failure;
        }
    }
}
