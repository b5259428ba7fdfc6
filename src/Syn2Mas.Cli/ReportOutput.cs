using System.CommandLine;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Reporting;

namespace Syn2Mas.Cli;

/// <summary>
/// <c>--format text|json</c> on stdout and <c>--report FILE.json</c>, for the commands whose report is one
/// document (advisor, verify, doctor).
/// </summary>
public static class ReportOutput
{
    public static Option<string> FormatOption()
    {
        var format = new Option<string>("--format")
        {
            Description = "Output format on stdout",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        return format;
    }

    /// <summary>
    /// Refuses a report path that could not be written (exit 2) before anything is read or written: a run
    /// must not end, or a migration commit, only to find its report has nowhere to go.
    /// </summary>
    public static void CheckPath(FileInfo? reportFile)
    {
        if (reportFile is not null)
        {
            if (ReportJson.WhyNotWritable(reportFile.FullName) is { } problem)
            {
                throw new ConfigurationException(problem);
            }
        }
    }

    /// <summary>Prints the report as JSON or through <paramref name="renderText"/>, then writes the report file if one was asked for.</summary>
    public static async Task WriteAsync<T>(
        T report, string? format, FileInfo? reportFile, TextWriter output, Action<T, TextWriter, TerminalStyle> renderText, CancellationToken cancellationToken)
    {
        if (format == "json")
        {
            await output.WriteLineAsync(ReportJson.Serialize(report));
        }
        else
        {
            renderText(report, output, TerminalStyle.For(output));
        }

        if (reportFile is not null)
        {
            await ReportJson.WriteFileAsync(report, reportFile.FullName, cancellationToken);
        }
    }
}
