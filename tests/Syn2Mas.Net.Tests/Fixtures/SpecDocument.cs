using System.Text.RegularExpressions;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Fixtures;

/// <summary>
/// Reads one part of a document under <c>docs/</c> (a <c># heading</c> and what follows it up to the next one)
/// so that fixture tests compare the fixture DDL with the document's own tables, not with a copy of them that
/// could drift.
/// </summary>
public sealed partial class SpecDocument
{
    private SpecDocument(string text, IReadOnlyList<SpecSection> sections)
    {
        Text = text;
        Sections = sections;
    }

    public string Text { get; }

    public IReadOnlyList<SpecSection> Sections { get; }

    /// <param name="fileName">A file of <c>docs/</c>, such as <c>schema.md</c>.</param>
    /// <param name="part">The start of the <c># heading</c> of the part to read, such as <c>MAS</c>.</param>
    public static SpecDocument Load(string fileName, string part)
    {
        var text = PartOf(File.ReadAllText(Path.Combine(RepoPaths.Docs, fileName)), part)
            ?? throw new InvalidOperationException($"docs/{fileName} has no part '# {part}…'.");
        var sections = new List<SpecSection>();
        var parts = HeadingLine().Split(text);
        // Split yields [before, heading1, body1, heading2, body2, …].
        for (var i = 1; i + 1 < parts.Length; i += 2)
        {
            sections.Add(new SpecSection(parts[i].Trim(), ParseFirstTable(parts[i + 1]), parts[i + 1]));
        }

        return new SpecDocument(text, sections);
    }

    public SpecSection Section(string name) =>
        Sections.FirstOrDefault(section => section.Name == name) ?? throw new InvalidOperationException($"The document has no section '### {name}'.");

    public SpecSection SectionContaining(string headingWords) =>
        Sections.FirstOrDefault(section => section.Heading.Contains(headingWords, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"The document has no section whose heading contains '{headingWords}'.");

    /// <summary>
    /// Backticked <c>table.column</c> references in a text, where <c>`.column`</c> or a bare <c>`column`</c>
    /// after one refers to the table named last (as in "<c>`devices.last_seen`, `ip`</c>").
    /// </summary>
    public static IEnumerable<(string Table, string Column)> ColumnReferences(string text)
    {
        string? table = null;
        foreach (Match match in Backticked().Matches(text))
        {
            var token = match.Groups[1].Value;
            var dot = token.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0)
            {
                table = token[..dot];
                yield return (table, token[(dot + 1)..]);
            }
            else if (dot == 0 && table is not null)
            {
                yield return (table, token[1..]);
            }
            else if (table is not null && IdentifierOnly().IsMatch(token))
            {
                yield return (table, token);
            }
        }
    }

    public static IEnumerable<string> BacktickedIdentifiers(string text) =>
        Backticked().Matches(text).Select(match => match.Groups[1].Value).Where(token => IdentifierOnly().IsMatch(token));

    private static string? PartOf(string text, string part)
    {
        var parts = PartHeadingLine().Split(text);
        for (var i = 1; i + 1 < parts.Length; i += 2)
        {
            if (parts[i].StartsWith(part, StringComparison.Ordinal))
            {
                return parts[i + 1];
            }
        }

        return null;
    }

    private static List<IReadOnlyDictionary<string, string>> ParseFirstTable(string body)
    {
        var lines = body.Split('\n').Select(line => line.Trim()).SkipWhile(line => !line.StartsWith('|')).TakeWhile(line => line.StartsWith('|')).ToList();
        if (lines.Count < 2)
        {
            return [];
        }

        var header = Cells(lines[0]);
        return lines.Skip(2)
            .Select(line => (IReadOnlyDictionary<string, string>)header.Zip(Cells(line)).ToDictionary(pair => pair.First, pair => pair.Second))
            .ToList();
    }

    private static List<string> Cells(string line) => line.Trim('|').Split('|').Select(cell => cell.Trim()).ToList();

    [GeneratedRegex(@"^# (.+)$", RegexOptions.Multiline)]
    private static partial Regex PartHeadingLine();

    [GeneratedRegex(@"^#{2,3} (.+)$", RegexOptions.Multiline)]
    private static partial Regex HeadingLine();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"^[a-z_][a-z0-9_]*$")]
    private static partial Regex IdentifierOnly();
}
