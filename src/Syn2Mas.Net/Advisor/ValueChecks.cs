using Syn2Mas.Net.Reporting;
using Syn2Mas.Net.Synapse.Checks;

namespace Syn2Mas.Net.Advisor;

/// <summary>
/// Values only SQLite can hold that MAS must not be given (<see cref="Mapping.InvalidValues"/>): text that is
/// not UTF-8, and text, blobs or fractions in number columns (<see cref="ValueQueries"/>).
/// </summary>
internal static class ValueChecks
{
    /// <param name="problems">What <see cref="RowScan"/> found.</param>
    public static IReadOnlyList<Finding> Judge(IReadOnlyDictionary<string, ProblemSummary> problems, AdvisorOptions options)
    {
        var severity = AdvisorOptions.ErrorUnless(options.SkipInvalidUsers);
        var findings = new List<Finding>();
        foreach (var column in WrittenTextColumns.All.Select(entry => $"{entry.Table}.{entry.Column}"))
        {
            findings.AddIfFound(problems, ValueQueries.NotUtf8Kind(column), FindingCatalog.InvalidUtf8, rows =>
                $"{Quantity.Of(rows.Count, "row", "rows")} with bytes that are not UTF-8 in {column} (text from an old client or import, e.g. Latin-1); "
                + "MAS cannot store them and this tool never rewrites them; correct them in Synapse's database, or pass --skip-invalid-users to skip those rows"
                + (column == "users.name" ? " and everything their users own" : ""),
                severity);
        }

        foreach (var column in ValueQueries.BooleanColumns.Select(entry => $"{entry.Table}.{entry.Column}"))
        {
            // Not skippable: the mapper has no value to skip on, so the data is corrected first.
            findings.AddIfFound(problems, ValueQueries.NotIntegerKind(column), FindingCatalog.NotABoolean, rows =>
                $"{Quantity.Of(rows.Count, "row", "rows")} with text, a blob or a fraction in {column}, where Synapse stores 0 or 1: "
                + "this tool will not guess what it meant; correct them in Synapse's database (0 or 1) before migrating");
        }

        foreach (var column in ValueQueries.NumberColumns.Select(entry => $"{entry.Table}.{entry.Column}"))
        {
            findings.AddIfFound(problems, ValueQueries.NotIntegerKind(column), FindingCatalog.NotANumber, rows =>
                $"{Quantity.Of(rows.Count, "row", "rows")} with text, a blob or a fraction in {column}, where Synapse stores a whole number: "
                + "read as a number it would silently become 0; correct them in Synapse's database, or pass --skip-invalid-users to skip those rows",
                severity);
        }

        return findings;
    }
}
