namespace Syn2Mas.Net.Advisor;

/// <summary>How much a finding matters (behaviour.md, "Checks").</summary>
public enum Severity
{
    /// <summary>Blocks the migration (exit code 10).</summary>
    Error,

    /// <summary>Worth reading before migrating (exit code 11 when there is no error).</summary>
    Warning,

    /// <summary>Information, or a warning the operator allowed with <c>--allow-warnings</c>.</summary>
    Note,
}
