using Npgsql;
using Syn2Mas.Net.Configuration;

namespace Syn2Mas.Bench.Generation;

/// <summary>
/// Creates a named database when it is missing, so one command can set up a throwaway server. Synapse
/// insists on the C collation (its text ordering and indexes assume it), so the database gets it too.
/// </summary>
internal static class PostgresDatabaseCreator
{
    public static async Task EnsureCreatedAsync(PostgresConnectionSettings settings, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(settings.Database))
        {
            throw new GeneratorException("The PostgreSQL connection names no database.");
        }

        await using var dataSource = settings.WithDatabase("postgres").CreateDataSource("syn2mas-bench");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = settings.Database } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        var name = new NpgsqlCommandBuilder().QuoteIdentifier(settings.Database);
        await using var create = new NpgsqlCommand(
            $"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }
}
