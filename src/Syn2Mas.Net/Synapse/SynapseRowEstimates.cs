using System.Globalization;

namespace Syn2Mas.Net.Synapse;

/// <summary>
/// Rough row counts of the tables the migration reads, for progress bars: cheap where an exact count of a
/// large homeserver's tables takes minutes (docs/schema.md). Never use them for anything that must be right.
/// </summary>
internal sealed record SynapseRowEstimates(long Users, long Threepids, long ExternalIds, long Devices, long AccessTokens, long RefreshTokens)
{
    /// <summary>
    /// PostgreSQL: the planner's <c>pg_class.reltuples</c>, as of the last ANALYZE or VACUUM (-1, or 0 before
    /// version 14, when the table was never analyzed: read as 0). SQLite: <c>max(rowid)</c>, one B-tree
    /// descent per table, which overcounts by the rows deleted from the end since.
    /// </summary>
    public static async Task<SynapseRowEstimates> ReadAsync(SynapseSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var tables = SynapseSchemaInfo.RequiredTables.Where(source.Schema.HasTable).ToList();
        IReadOnlyDictionary<string, long> estimates;
        if (source.Dialect == SynapseDialect.Postgres)
        {
            var rows = await source.QueryAsync<(string Table, float Tuples)>(
                """
                SELECT c.relname, c.reltuples FROM pg_catalog.pg_class AS c
                WHERE c.relkind IN ('r', 'p') AND c.relnamespace = to_regnamespace(current_schema()) AND c.relname = ANY (@tables)
                """,
                new { tables = tables.ToArray() },
                cancellationToken);
            estimates = rows.ToDictionary(row => row.Table, row => row.Tuples > 0 ? (long)row.Tuples : 0, StringComparer.Ordinal);
        }
        else if (tables.Count > 0)
        {
            var row = (IDictionary<string, object?>)await source.QuerySingleAsync<dynamic>(
                "SELECT " + string.Join(", ", tables.Select(table => $"(SELECT max(rowid) FROM {table}) AS {table}")),
                null,
                cancellationToken);
            estimates = row.ToDictionary(column => column.Key, column => column.Value is null ? 0 : Convert.ToInt64(column.Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);
        }
        else
        {
            estimates = new Dictionary<string, long>(StringComparer.Ordinal);
        }

        return new SynapseRowEstimates(
            Users: estimates.GetValueOrDefault(SynapseTables.Users),
            Threepids: estimates.GetValueOrDefault(SynapseTables.UserThreepids),
            ExternalIds: estimates.GetValueOrDefault(SynapseTables.UserExternalIds),
            Devices: estimates.GetValueOrDefault(SynapseTables.Devices),
            AccessTokens: estimates.GetValueOrDefault(SynapseTables.AccessTokens),
            RefreshTokens: estimates.GetValueOrDefault(SynapseTables.RefreshTokens));
    }
}
