using System.CommandLine;
using System.Globalization;
using Syn2Mas.Net.Doctor;
using Syn2Mas.Net.Reporting;

namespace Syn2Mas.Cli;

/// <summary><c>syn2mas-net doctor</c>: options in, the library's wiring checks, the report and exit code out.</summary>
public static class DoctorCommand
{
    public static Command Build(TextWriter output)
    {
        var command = new Command(
            "doctor",
            "Check that Synapse and MAS are wired together, from both configuration files and, with --live, over the network; before or after the switch");
        var synapseConfig = new Option<string[]>("--synapse-config")
        {
            Description = "Synapse's homeserver.yaml; repeat to merge several files, later ones winning key by key",
            Required = true,
            HelpName = "FILE",
        };
        var masConfig = new Option<string[]>("--mas-config")
        {
            Description = "MAS's config.yaml; repeat to merge several files",
            Required = true,
            HelpName = "FILE",
        };
        var stage = new Option<string?>("--stage")
        {
            Description = "before: Synapse still logs users in (say what to set up); after: Synapse delegates to MAS (check it is all wired). "
                + "Default: after if homeserver.yaml enables delegation, else before",
            HelpName = "before|after",
        };
        stage.AcceptOnlyFromAmong("before", "after");
        var live = new Option<bool>("--live") { Description = "Also make short, TLS-verified requests to MAS, Synapse and the well-known document" };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Seconds each live request may take",
            DefaultValueFactory = _ => LiveOptions.DefaultTimeout.TotalSeconds,
            HelpName = "SECONDS",
        };
        var connectTo = new Option<string[]>("--connect-to")
        {
            Description = "Connect to TARGET_HOST:TARGET_PORT for requests to HOST:PORT (URLs and certificate checks keep HOST), for split-horizon DNS; repeatable",
            HelpName = "HOST:PORT:TARGET_HOST:TARGET_PORT",
        };
        var caFile = new Option<FileInfo?>("--ca-file")
        {
            Description = "Also trust the CA certificates in this PEM file (a private CA)",
            HelpName = "FILE.pem",
        };
        var format = ReportOutput.FormatOption();
        var report = new Option<FileInfo?>("--report") { Description = "Also write the findings and live checks as JSON to this file", HelpName = "FILE.json" };
        foreach (var option in new Option[] { synapseConfig, masConfig, stage, live, timeout, connectTo, caFile, format, report })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            ReportOutput.CheckPath(parseResult.GetValue(report));

            var seconds = parseResult.GetValue(timeout);
            if (!(seconds > 0 && seconds <= 600))
            {
                throw new Net.Configuration.ConfigurationException(
                    $"--timeout {seconds.ToString(CultureInfo.InvariantCulture)} must be a number of seconds above 0 and at most 600.");
            }

            var options = new DoctorOptions(
                parseResult.GetValue(stage) switch
                {
                    "before" => DoctorStage.Before,
                    "after" => DoctorStage.After,
                    _ => null,
                },
                parseResult.GetValue(live)
                    ? new LiveOptions(
                        TimeSpan.FromSeconds(seconds),
                        (parseResult.GetValue(connectTo) ?? []).Select(ConnectTo.Parse).ToList(),
                        parseResult.GetValue(caFile)?.FullName)
                    : null);
            var configuration = DoctorConfiguration.Load(parseResult.GetValue(synapseConfig) ?? [], parseResult.GetValue(masConfig) ?? []);
            var result = await DoctorRunner.RunAsync(configuration, options, cancellationToken);
            await ReportOutput.WriteAsync(result, parseResult.GetValue(format), parseResult.GetValue(report), output, DoctorTextRenderer.Render, cancellationToken);

            return ExitCodes.ForOutcome(result.Outcome);
        });
        return command;
    }
}
