namespace Syn2Mas.Net.Tests.Fixtures;

/// <summary>A <c>### heading</c> of a spec file: its first markdown table and its whole text.</summary>
public sealed record SpecSection(string Heading, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows, string Text)
{
    /// <summary>The heading's first word, which in the schema specs is a table name.</summary>
    public string Name => Heading.Split(' ')[0];
}
