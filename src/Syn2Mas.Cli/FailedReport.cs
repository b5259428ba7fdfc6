using Syn2Mas.Net.Reporting;

namespace Syn2Mas.Cli;

/// <summary>What <c>advisor --format json</c> prints when it could not finish: the tool, <c>failed</c>, and the error line.</summary>
internal sealed record FailedReport
{
    public ToolInfo Tool { get; } = ToolInfo.Current;

    public string Outcome { get; } = "failed";

    public required string Error { get; init; }
}
