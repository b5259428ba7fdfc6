using System.Text.RegularExpressions;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Repository;

/// <summary>
/// docs/behaviour.md names every rule (<c>### rule: NAME</c>) and the code that carries a rule out says
/// <c>rule: NAME</c>, so that one is found from the other in one search. A renamed heading or a comment with a
/// misspelt name fails here.
/// </summary>
public sealed partial class BehaviourRuleNameTests
{
    [Fact]
    public void Every_rule_the_code_names_is_a_heading_of_the_behaviour_document()
    {
        var headings = RuleHeadings();
        var references = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => RuleReference().Matches(File.ReadAllText(file)).Select(match => (File: Path.GetFileName(file), Name: match.Groups[1].Value)))
            .ToList();

        Assert.True(references.Count >= 15, $"only {references.Count} rule references were found in src/");
        var unknown = references.Where(reference => !headings.Contains(reference.Name)).Select(reference => $"{reference.File}: rule: {reference.Name}").ToList();
        Assert.True(unknown.Count == 0, "the code names rules docs/behaviour.md does not have:\n" + string.Join('\n', unknown));
    }

    [Fact]
    public void Every_mapping_rule_is_named_where_the_mapping_code_carries_it_out()
    {
        var mapping = string.Concat(Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src", "Syn2Mas.Net", "Mapping"), "*.cs").Select(File.ReadAllText));
        string[] mappingRules =
        [
            "ids", "times", "localpart", "appservice-users", "invalid-user-ids", "users", "passwords", "threepids", "external-ids",
            "sessions-of-active-users-only", "refreshable-token-pairs", "access-tokens", "deviceless-sessions", "device-sessions",
            "device-ip", "orphans", "nul-characters",
        ];

        Assert.Superset(mappingRules.ToHashSet(), RuleHeadings());
        var unnamed = mappingRules.Where(rule => !Regex.IsMatch(mapping, $@"rule: {Regex.Escape(rule)}\b(?!-)")).ToList();
        Assert.True(unnamed.Count == 0, "no comment in src/Syn2Mas.Net/Mapping names: " + string.Join(", ", unnamed));
    }

    private static HashSet<string> RuleHeadings() =>
        RuleHeading().Matches(File.ReadAllText(Path.Combine(RepoPaths.Docs, "behaviour.md"))).Select(match => match.Groups[1].Value).ToHashSet();

    [GeneratedRegex(@"^### rule: ([a-z-]+)$", RegexOptions.Multiline)]
    private static partial Regex RuleHeading();

    [GeneratedRegex(@"\brule: ([a-z][a-z-]*[a-z])")]
    private static partial Regex RuleReference();
}
