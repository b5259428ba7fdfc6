using System.Diagnostics;
using Npgsql;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Synapse;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Advisor;

public sealed class PostgresSynapseDataChecksTests : SynapseDataChecksTests
{
    private protected override SynapseDialect Dialect => SynapseDialect.Postgres;

    protected override async Task<SynapseTestSource> CreateAsync(string? sql, int? schema = 94)
    {
        var database = await PostgresServer.CreateDatabaseAsync(schema is null ? null : RepoPaths.Fixture("synapse", "postgres", $"schema-{schema}.sql"));
        try
        {
            if (!string.IsNullOrWhiteSpace(sql))
            {
                await using var connection = await database.OpenAsync();
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
            }

            var source = await SynapseSource.OpenAsync(new SynapsePostgresDatabase(database.Settings));
            return new SynapseTestSource(source, database.DisposeAsync);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A database just restored from a dump has no statistics until autovacuum analyzes it (switched off
    /// here, so that it cannot happen during the test). Planned blind, the per-user subquery of
    /// users-without-email scanned every email once per user: over 20 seconds for these 20,000 users, growing
    /// with the square of their number, instead of well under a second.
    /// </summary>
    [Fact]
    public async Task The_checks_finish_on_a_database_without_statistics()
    {
        await using var synapse = await CreateAsync(
            """
            ALTER TABLE users SET (autovacuum_enabled = false);
            ALTER TABLE user_threepids SET (autovacuum_enabled = false);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
            INSERT INTO users (name, creation_ts) SELECT '@user' || i || ':example.com', 1600000000 + i FROM n;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
            INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at)
            SELECT '@user' || i || ':example.com', 'email', 'user' || i || '@example.com', 1, 1 FROM n WHERE i % 100 <> 0;
            """);
        Assert.Equal(0L, await synapse.Source.QuerySingleAsync<long>(
            "SELECT count(*) FROM pg_stats WHERE tablename IN ('users', 'user_threepids')"));

        // How long this takes is the benchmark's business (bench/); a quadratic plan here once took minutes
        // at 20k users, so the deadline only catches a check that never finishes on a CI machine.
        var report = await RunAsync(synapse).WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(200, Only(report, "users-without-email").Count);
    }

    /// <summary>Why the NUL check is a no-op on PostgreSQL: such text cannot get into a Synapse database there.</summary>
    [Fact]
    public async Task Postgres_refuses_nul_characters_so_none_are_reported()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync(RepoPaths.Fixture("synapse", "postgres", "schema-94.sql"));
        await using (var connection = await database.OpenAsync())
        {
            await using var insert = new NpgsqlCommand("INSERT INTO users (name, creation_ts) VALUES ('@a' || chr(0) || ':example.com', 1)", connection);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());
            Assert.Equal("54000", refused.SqlState);
            await using var parameter = new NpgsqlCommand("INSERT INTO devices (user_id, device_id) VALUES ('@a:example.com', @id)", connection);
            parameter.Parameters.AddWithValue("id", "D\0");
            var refusedParameter = await Assert.ThrowsAsync<PostgresException>(() => parameter.ExecuteNonQueryAsync());
            Assert.Equal("22021", refusedParameter.SqlState);
            await using var clean = new NpgsqlCommand("INSERT INTO users (name, creation_ts) VALUES ('@a:example.com', 1)", connection);
            await clean.ExecuteNonQueryAsync();
        }

        await using var source = await SynapseSource.OpenAsync(new SynapsePostgresDatabase(database.Settings));
        var report = await RunAsync(source);

        Assert.DoesNotContain(report.Findings, finding => finding.Code == "nul-characters");
    }

    [Fact]
    public async Task An_empty_database_is_not_a_synapse_database_with_a_helpful_message()
    {
        await using var synapse = await CreateAsync(null, schema: null);

        var report = await RunAsync(synapse);

        var finding = Assert.Single(report.Findings);
        Assert.Contains("PostgreSQL", finding.Message, StringComparison.Ordinal);
        Assert.Contains("no schema_version", finding.Message, StringComparison.Ordinal);
    }
}
