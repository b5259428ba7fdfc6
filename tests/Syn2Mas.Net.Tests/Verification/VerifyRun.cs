using System.Text.Json;
using Syn2Mas.Net.Tests.Cli;

namespace Syn2Mas.Net.Tests.Verification;

/// <summary>One run of <c>syn2mas-net verify</c>, in process, with its text output and its JSON report.</summary>
internal sealed record VerifyRun(CliRun Cli, string ReportText)
{
    public static async Task<VerifyRun> RunAsync(AdvisorScenario scenario, params string[] options)
    {
        var reportPath = Path.Combine(scenario.Folder, $"verify-{Guid.NewGuid():N}.json");
        var cli = await CliRun.RunAsync(
            ["verify", "--synapse-config", scenario.SynapseConfigPath, "--mas-config", scenario.MasConfigPath, "--report", reportPath, .. options]);
        return new VerifyRun(cli, File.Exists(reportPath) ? await File.ReadAllTextAsync(reportPath) : "");
    }

    public int ExitCode => Cli.ExitCode;

    public string Everything => Cli.Stdout + Cli.Stderr + ReportText;

    /// <summary>Per MAS table: matched, missing, unexpected and different counts, from the JSON report.</summary>
    public Dictionary<string, (long Matched, long Missing, long Unexpected, long Different)> Tables()
    {
        using var json = JsonDocument.Parse(ReportText);
        return json.RootElement.GetProperty("tables").EnumerateArray().ToDictionary(
            table => table.GetProperty("table").GetString()!,
            table => (
                table.GetProperty("matched").GetInt64(),
                table.GetProperty("missingInMas").GetProperty("count").GetInt64(),
                table.GetProperty("unexpectedInMas").GetProperty("count").GetInt64(),
                table.GetProperty("different").GetProperty("count").GetInt64()),
            StringComparer.Ordinal);
    }

    /// <summary>The report's findings as <c>code | message | examples</c>.</summary>
    public List<string> Findings()
    {
        using var json = JsonDocument.Parse(ReportText);
        return json.RootElement.GetProperty("findings").EnumerateArray()
            .Select(finding => $"{finding.GetProperty("code").GetString()} | {finding.GetProperty("message").GetString()} | "
                + string.Join(", ", finding.GetProperty("examples").EnumerateArray().Select(example => example.GetString())))
            .ToList();
    }

    public string Outcome()
    {
        using var json = JsonDocument.Parse(ReportText);
        return json.RootElement.GetProperty("outcome").GetString()!;
    }
}
