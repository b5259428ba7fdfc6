using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Advisor;

/// <summary>
/// The columns the migration reads, checked in the catalog before any of them is read: a column dropped
/// or retyped by hand (or by a fork of Synapse) is a finding naming table and column, where the query
/// would otherwise fail with a raw "column does not exist" or a cast error.
/// </summary>
internal static class SynapseColumnChecks
{
    public static IReadOnlyList<Finding> Run(SynapseSource source) =>
        source.Schema.UnreadableColumns(source.Dialect)
            .Select(problem => FindingCatalog.SynapseColumnUnreadable.Report(problem.Type is null
                ? $"{source.Description} has no column {problem.Column}, which the migration reads; restore it as Synapse's schema defines it, or check that this is Synapse's own database"
                : $"{problem.Column} in {source.Description} is of type `{problem.Type}`, where the migration reads {Expected(source.Dialect, problem.Column.Kind)}; restore the column's type as Synapse's schema defines it"))
            .ToList();

    private static string Expected(SynapseDialect dialect, SynapseColumnKind kind) => (dialect, kind) switch
    {
        (SynapseDialect.Postgres, SynapseColumnKind.Text) => "text (text, varchar or char)",
        (SynapseDialect.Postgres, SynapseColumnKind.Number) => "an integer (smallint, integer or bigint)",
        (SynapseDialect.Postgres, _) => "a boolean",
        (_, SynapseColumnKind.Text) => "text (a declared type with TEXT affinity)",
        _ => "a number (a declared type with INTEGER or NUMERIC affinity)",
    };
}
