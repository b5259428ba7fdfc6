using Npgsql;

namespace Syn2Mas.Bench.Sinks;

/// <summary>Small steps on a PostgreSQL database that the Synapse and MAS loads share.</summary>
internal static class PostgresDatabase
{
    /// <summary>The generator loads a schema of its own; any table already there means the wrong database.</summary>
    public static async Task RequireEmptyAsync(NpgsqlDataSource dataSource, string role, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT current_database(), count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (database, tables) = (reader.GetString(0), reader.GetInt64(1));
        if (tables > 0)
        {
            throw new GeneratorException(
                $"The {role} database {database} already has {tables} table(s); give the generator an empty database (DROP DATABASE and CREATE DATABASE it).");
        }
    }

    public static async Task ExecuteInTransactionAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 })
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
