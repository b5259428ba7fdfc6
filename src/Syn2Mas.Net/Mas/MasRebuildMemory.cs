using Dapper;
using Npgsql;

namespace Syn2Mas.Net.Mas;

/// <summary>
/// The memory the migration's own transaction may use for the rebuild, as <c>pg_restore</c> users give it:
/// an index build sorts a whole column, and a foreign key is validated by one join over both tables. With
/// the server's defaults (64 MB, 4 MB) both spill to disk from about a million users. Only raised, never
/// lowered, and only for this transaction (<c>SET LOCAL</c>): PostgreSQL takes what a build needs, so a
/// small server loading a small Synapse uses no more than before.
/// </summary>
/// <param name="MaintenanceWorkMem">The <c>maintenance_work_mem</c> the transaction runs with.</param>
/// <param name="WorkMem">The <c>work_mem</c> the transaction runs with.</param>
public sealed record MasRebuildMemory(string MaintenanceWorkMem, string WorkMem)
{
    private const string AtLeastMaintenance = "512MB";
    private const string AtLeastWork = "128MB";

    /// <summary>Raises both settings for the rest of <paramref name="transaction"/>; the benchmark's floor runs with the same.</summary>
    internal static async Task<MasRebuildMemory> ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        return await connection.QuerySingleAsync<MasRebuildMemory>(new CommandDefinition(
            $"""
            SELECT set_config('maintenance_work_mem', {AtLeast("maintenance_work_mem", "@maintenance")}, true) AS MaintenanceWorkMem,
                   set_config('work_mem', {AtLeast("work_mem", "@work")}, true) AS WorkMem
            """,
            new { maintenance = AtLeastMaintenance, work = AtLeastWork },
            transaction,
            commandTimeout: 0,
            cancellationToken: cancellationToken));
    }

    /// <summary>The setting's current value, or <paramref name="floor"/> when that is more (sizes compared as bytes).</summary>
    private static string AtLeast(string setting, string floor) =>
        $"CASE WHEN pg_catalog.pg_size_bytes(pg_catalog.current_setting('{setting}')) < pg_catalog.pg_size_bytes({floor}) THEN {floor} ELSE pg_catalog.current_setting('{setting}') END";

    public override string ToString() => $"maintenance_work_mem {MaintenanceWorkMem}, work_mem {WorkMem}";
}
