using Npgsql;

namespace Syn2Mas.Bench.Sinks;

/// <summary>
/// Takes primary keys, unique constraints, foreign keys and plain indexes off some tables and puts them
/// back later. The definitions are read from the catalog (<c>pg_get_constraintdef</c>,
/// <c>pg_get_indexdef</c>) after the fixture created them, and re-added under the same names, so the
/// final schema is the fixture's whatever the fixture says. Building an index once over loaded rows is
/// much faster than maintaining it row by row.
/// </summary>
internal sealed class PostgresIndexPause
{
    private readonly List<string> _restore;

    private PostgresIndexPause(List<string> restore) => _restore = restore;

    public static async Task<PostgresIndexPause> PauseAsync(NpgsqlDataSource dataSource, IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        var drop = new List<string>();
        var keys = new List<string>();
        var indexDefinitions = new List<string>();
        var foreignKeys = new List<string>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        // Foreign keys depend on the referenced key's index: drop them first, add them back last.
        await using (var constraints = new NpgsqlCommand(
            """
            SELECT t.relname, c.conname, pg_get_constraintdef(c.oid), c.contype = 'f'
            FROM pg_constraint c
            JOIN pg_class t ON t.oid = c.conrelid
            WHERE t.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND t.relname = ANY(@tables) AND c.contype IN ('p', 'u', 'f')
            ORDER BY c.contype = 'f' DESC, t.relname, c.conname
            """, connection))
        {
            constraints.Parameters.AddWithValue("tables", tables.ToArray());
            await using var reader = await constraints.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var (table, name, definition, isForeignKey) = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3));
                drop.Add($"ALTER TABLE {Quote(table)} DROP CONSTRAINT {Quote(name)}");
                (isForeignKey ? foreignKeys : keys).Add($"ALTER TABLE {Quote(table)} ADD CONSTRAINT {Quote(name)} {definition}");
            }
        }

        // Indexes that back no constraint, with their full definition (partial predicates included).
        await using (var indexes = new NpgsqlCommand(
            """
            SELECT i.relname, pg_get_indexdef(x.indexrelid)
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND t.relname = ANY(@tables)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.contype IN ('p', 'u', 'x'))
            ORDER BY t.relname, i.relname
            """, connection))
        {
            indexes.Parameters.AddWithValue("tables", tables.ToArray());
            await using var reader = await indexes.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                drop.Add($"DROP INDEX {Quote(reader.GetString(0))}");
                indexDefinitions.Add(reader.GetString(1));
            }
        }

        await PostgresDatabase.ExecuteInTransactionAsync(dataSource, string.Join(";\n", drop), cancellationToken);
        return new PostgresIndexPause([.. keys, .. indexDefinitions, .. foreignKeys]);
    }

    public async Task ResumeAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var settings = new NpgsqlCommand("SET maintenance_work_mem = '256MB'", connection))
        {
            await settings.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var statement in _restore)
        {
            await using var command = new NpgsqlCommand(statement, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
