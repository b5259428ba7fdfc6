using System.CommandLine;
using System.Reflection;
using Syn2Mas.Net.Advisor;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Mapping;
using Syn2Mas.Net.Mas;
using Syn2Mas.Net.Migration;
using Syn2Mas.Net.Reporting;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Cli;

/// <summary>
/// The command line: parses options, hands the work to the library, and turns outcomes into one-line
/// messages and exit codes. No stack trace reaches the operator.
/// </summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        output = TerminalSafeWriter.Wrap(output);
        error = TerminalSafeWriter.Wrap(error);
        var root = BuildRootCommand(output, error);
        var parseResult = root.Parse(LegacyArguments.Normalize(args));
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}");
            }

            await error.WriteLineAsync("Run 'syn2mas-net --help' for the commands and their options.");
            return ExitCodes.BadUsage;
        }

        try
        {
            // System.CommandLine's own handler would print the stack trace and exit 1; errors are ours to
            // report. Signals are the caller's too (SignalCancellation): System.CommandLine's would end the
            // process two seconds after Ctrl-C, silently, whatever the phase.
            var invocation = new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            };
            return await parseResult.InvokeAsync(invocation, cancellationToken);
        }
        catch (Exception exception)
        {
            var (line, exitCode) = FailureText.Describe(exception, cancellationToken.IsCancellationRequested);
            await error.WriteLineAsync(line);
            return exitCode;
        }
    }

    public static string Version => ToolInfo.Current.Version;

    private static RootCommand BuildRootCommand(TextWriter output, TextWriter error)
    {
        var root = new RootCommand(
            "Migrates a Synapse homeserver's users, passwords, emails, upstream identity links, devices and access tokens "
            + "into a blank Matrix Authentication Service database.");
        root.Subcommands.Add(BuildAdvisorCommand(output, error));
        root.Subcommands.Add(BuildMigrateCommand(output, error));
        root.Subcommands.Add(VerifyCommand.Build(output, error));
        root.Subcommands.Add(DoctorCommand.Build(output));
        foreach (var versionOption in root.Options.OfType<VersionOption>())
        {
            versionOption.Action = new PrintVersionAction(output);
        }

        return root;
    }

    private static Command BuildAdvisorCommand(TextWriter output, TextWriter error)
    {
        var command = new Command(
            "advisor",
            "Find every problem that would stop or spoil a migration, without writing anything (safe while Synapse runs)");
        command.Aliases.Add("check");
        var options = new CommonOptions();
        options.AddTo(command);
        var format = ReportOutput.FormatOption();
        command.Options.Add(format);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            ReportOutput.CheckPath(parseResult.GetValue(options.Report));

            AdvisorReport report;
            try
            {
                var configuration = await ConfigurationLoading.LoadAsync(ReadRequest(parseResult, options), error);
                report = await AdvisorRunner.RunAsync(configuration, ReadAdvisorOptions(parseResult, options), cancellationToken);
            }
            catch (Exception exception) when (parseResult.GetValue(format) == "json")
            {
                // A script reading stdout gets a JSON document whatever happened; the error line and exit
                // code still come from the handler above.
                var line = FailureText.Describe(exception, cancellationToken.IsCancellationRequested).Line;
                await output.WriteLineAsync(ReportJson.Serialize(new FailedReport { Error = line.StartsWith("error: ", StringComparison.Ordinal) ? line["error: ".Length..] : line }));
                throw;
            }

            await ReportOutput.WriteAsync(report, parseResult.GetValue(format), parseResult.GetValue(options.Report), output, AdvisorTextRenderer.Render, cancellationToken);
            return ExitCodes.ForOutcome(report.Outcome);
        });
        return command;
    }

    internal static AdvisorOptions ReadAdvisorOptions(ParseResult parseResult, CommonOptions options) => new()
    {
        IgnoreMissingAuthProviders = parseResult.GetValue(options.IgnoreMissingAuthProviders),
        SkipInvalidUsers = parseResult.GetValue(options.SkipInvalidUsers),
        SkipOrphans = parseResult.GetValue(options.SkipOrphans),
        AllowedWarnings = AdvisorRunner.ParseAllowedWarnings(parseResult.GetValue(options.AllowWarnings) ?? []),
    };

    private static Command BuildMigrateCommand(TextWriter output, TextWriter error)
    {
        var command = new Command(
            "migrate",
            "Copy users and sessions into MAS in one transaction; with --dry-run, do all of it and roll back");
        var options = new CommonOptions();
        options.MasConfig.Required = true;
        options.AddTo(command);
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Do the whole migration, index and constraint rebuild included, then roll back: proves the data fits and writes nothing",
        };
        command.Options.Add(dryRun);
        var allowRunningSynapse = new Option<bool>("--allow-running-synapse")
        {
            Description = "Go on although other sessions or processes have Synapse's database open (synapse-running), when you know none of them is Synapse",
        };
        command.Options.Add(allowRunningSynapse);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var reportFile = parseResult.GetValue(options.Report)?.FullName;
            ReportOutput.CheckPath(parseResult.GetValue(options.Report));

            var configuration = await ConfigurationLoading.LoadAsync(ReadRequest(parseResult, options), error);
            var migrationOptions = new MigrationOptions
            {
                Checks = ReadAdvisorOptions(parseResult, options),
                DryRun = parseResult.GetValue(dryRun),
                AllowRunningSynapse = parseResult.GetValue(allowRunningSynapse),
            };
            var style = TerminalStyle.For(output);
            MigrationReport report;
            try
            {
                report = style.Enabled
                    ? await MigrationTerminalProgress.RunAsync(progress => MigrationRunner.RunAsync(
                        configuration, migrationOptions, PauseAtStep.Wrap(progress, output, cancellationToken), cancellationToken))
                    : await MigrationRunner.RunAsync(
                        configuration, migrationOptions, PauseAtStep.Wrap(new MigrationLogProgress(output), output, cancellationToken), cancellationToken);
            }
            catch (MigrationFailedException exception)
            {
                var (line, exitCode) = FailureText.Describe(exception, cancellationToken.IsCancellationRequested);
                await error.WriteLineAsync(line);
                if (reportFile is not null)
                {
                    await WriteReportAsync(exception.Report with { Error = line }, reportFile, error, CancellationToken.None);
                }

                return exitCode;
            }

            // After a commit nothing may turn the outcome into a failure: the rest is told, or warned about.
            try
            {
                MigrationFindingsRenderer.Render(report, output, style);
                MigrationSummaryRenderer.Render(report, output, style);
            }
            catch (IOException)
            {
                // stdout went away (a closed pipe): the exit code and the report still tell the outcome.
            }

            if (reportFile is not null)
            {
                await WriteReportAsync(report, reportFile, error, CancellationToken.None);
            }

            return report.Outcome == MigrationOutcome.Blocked ? ExitCodes.CheckErrors : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Writes a report; failing to is a warning, as the outcome it reports stands whatever happens to the file.</summary>
    private static async Task WriteReportAsync<T>(T report, string path, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            await ReportJson.WriteFileAsync(report, path, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"warning: the report could not be written to {path} ({exception.Message.ReplaceLineEndings(" ").TrimEnd('.')}); the outcome above stands.");
        }
    }

    internal static ConfigurationRequest ReadRequest(ParseResult parseResult, CommonOptions options) => new()
    {
        SynapseConfigFiles = parseResult.GetValue(options.SynapseConfig) ?? [],
        MasConfigFiles = parseResult.GetValue(options.MasConfig) ?? [],
        SynapseDatabaseUri = parseResult.GetValue(options.SynapseDatabaseUri),
        MasDatabaseUri = parseResult.GetValue(options.MasDatabaseUri),
        UpstreamProviderMappings = parseResult.GetValue(options.UpstreamProviderMapping) ?? [],
    };
}
