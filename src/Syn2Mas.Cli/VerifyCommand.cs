using System.CommandLine;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Mapping;
using Syn2Mas.Net.Reporting;
using Syn2Mas.Net.Verification;

namespace Syn2Mas.Cli;

/// <summary><c>syn2mas-net verify</c>: compares MAS with what the migration rules give from Synapse; 0 when alike, 10 when not.</summary>
public static class VerifyCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var command = new Command(
            "verify",
            "Compare MAS with what the migration rules give from Synapse, table by table, and report every difference (reads both, writes neither)");
        var options = new CommonOptions();
        options.MasConfig.Required = true;
        command.Options.Add(options.SynapseConfig);
        command.Options.Add(options.MasConfig);
        command.Options.Add(options.SynapseDatabaseUri);
        command.Options.Add(options.MasDatabaseUri);
        command.Options.Add(options.UpstreamProviderMapping);
        command.Options.Add(options.IgnoreMissingAuthProviders);
        command.Options.Add(options.SkipInvalidUsers);
        command.Options.Add(options.SkipOrphans);
        command.Options.Add(options.Report);
        var format = ReportOutput.FormatOption();
        command.Options.Add(format);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            ReportOutput.CheckPath(parseResult.GetValue(options.Report));

            var configuration = await ConfigurationLoading.LoadAsync(CliApp.ReadRequest(parseResult, options), error);
            VerificationReport report;
            try
            {
                report = await VerificationRunner.RunAsync(configuration, CliApp.ReadAdvisorOptions(parseResult, options), cancellationToken);
            }
            catch (MappingException exception)
            {
                await error.WriteLineAsync($"error: nothing was compared: {exception.Message}");
                return ExitCodes.Failure;
            }

            await ReportOutput.WriteAsync(report, parseResult.GetValue(format), parseResult.GetValue(options.Report), output, VerificationTextRenderer.Render, cancellationToken);

            return report.Outcome == VerificationOutcome.Match ? ExitCodes.Success : ExitCodes.CheckErrors;
        });
        return command;
    }
}
