using System.Runtime.CompilerServices;

namespace Syn2Mas.Net.Synapse.Checks;

/// <summary>Rows of the user-owned tables that the migration cannot take as they are.</summary>
internal static class RowQueries
{
    public const string TokensOnHiddenDevices = "hidden";

    /// <summary>The tables whose rows name a user in <c>user_id</c>, in the order the migration reads them.</summary>
    public static readonly IReadOnlyList<string> DependentTables = ["user_threepids", "user_external_ids", "devices", "access_tokens", "refresh_tokens"];

    /// <summary>Rows naming a user who is not in <c>users</c> (rule 7), keyed by table, as anti-joins on the users(name) index.</summary>
    public static Task<IReadOnlyDictionary<string, ProblemSummary>> OrphansAsync(SynapseSource source, CancellationToken cancellationToken) =>
        ProblemRows.QueryAsync(source, string.Join("\nUNION ALL\n", DependentTables.Select(table => $"""
            SELECT '{table}' AS kind, t.user_id AS example FROM {table} AS t
            WHERE NOT EXISTS (SELECT 1 FROM users AS u WHERE u.name = t.user_id)
            """)), null, cancellationToken);

    /// <summary>The kind of the rows whose <c>table.column</c> holds a NUL character.</summary>
    public static string NulKind(string qualifiedColumn) => "nul:" + qualifiedColumn;

    /// <summary>
    /// Written text (<see cref="WrittenTextColumns"/>) holding a NUL character, for <see cref="RowScan"/>.
    /// PostgreSQL refuses a NUL in text outright, so only SQLite can hold one.
    /// </summary>
    public static IEnumerable<RowCheck> NulChecks(SynapseSource source) =>
        source.Dialect == SynapseDialect.Postgres
            ? []
            : WrittenTextColumns.All.Select(entry => new RowCheck(entry.Table, NulKind($"{entry.Table}.{entry.Column}"), $"instr({entry.Column}, char(0)) > 0", entry.Owner));

    /// <summary>Access tokens on hidden devices, with their owners.</summary>
    public static Task<IReadOnlyDictionary<string, ProblemSummary>> TokensOnHiddenDevicesAsync(SynapseSource source, CancellationToken cancellationToken) =>
        // Hidden devices are few and access_tokens is the largest table: CROSS JOIN makes SQLite start from
        // devices (it keeps the written join order), PostgreSQL plans it as any inner join.
        ProblemRows.QueryAsync(source, $"""
            SELECT '{TokensOnHiddenDevices}' AS kind, d.user_id AS example
            FROM devices AS d CROSS JOIN access_tokens AS a
            WHERE {source.IsTrue("d.hidden")} AND a.user_id = d.user_id AND a.device_id = d.device_id
            """, null, cancellationToken);

    /// <summary>Every device with some text in <c>ip</c>: there can be millions, so they are streamed.</summary>
    public static async IAsyncEnumerable<(string UserId, string DeviceId, string Ip)> DeviceIpsAsync(
        SynapseSource source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = source.Connection.CreateCommand();
        command.Transaction = source.Transaction;
        command.CommandText = "SELECT user_id, device_id, ip FROM devices WHERE ip IS NOT NULL AND ip <> '' AND ip <> '-'";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return (reader.GetString(0), reader.GetString(1), reader.GetString(2));
        }
    }
}
