using Npgsql;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Synapse;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Advisor;

public sealed class PostgresSynapseDataChecksTests : SynapseDataChecksTests
{
    protected override SynapseDialect Dialect => SynapseDialect.Postgres;

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
