namespace Syn2Mas.Net.Advisor;

/// <summary>A finding code with its usual severity and what it means, as listed in the README.</summary>
internal sealed record FindingCode(string Code, Severity Severity, string Summary)
{
    public Finding Report(string message, long? count = null, IReadOnlyList<string>? examples = null) =>
        new(Code, Severity, message, count, examples);

    /// <summary>Reports at another severity, e.g. an error an operator's skip option turns into a warning.</summary>
    public Finding Report(Severity severity, string message, long? count = null, IReadOnlyList<string>? examples = null) =>
        new(Code, severity, message, count, examples);

    public override string ToString() => Code;
}
