using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Tests.Synapse;

public sealed class SynapseRowEstimatesTests
{
    private const string Rows = """
        INSERT INTO users (name, creation_ts) VALUES ('@a:example.com', 1), ('@b:example.com', 1), ('@c:example.com', 1), ('@d:example.com', 1);
        INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at) VALUES ('@a:example.com', 'email', 'a@example.com', 1, 1);
        INSERT INTO user_external_ids (auth_provider, external_id, user_id) VALUES ('oidc', 'a', '@a:example.com'), ('oidc', 'b', '@b:example.com');
        INSERT INTO devices (user_id, device_id) VALUES ('@a:example.com', 'A1'), ('@a:example.com', 'A2'), ('@b:example.com', 'B1');
        INSERT INTO refresh_tokens (id, user_id, device_id, token) VALUES (1, '@a:example.com', 'A1', 'r1'), (2, '@a:example.com', 'A1', 'r2'), (3, '@a:example.com', 'A1', 'r3'), (4, '@a:example.com', 'A1', 'r4'), (5, '@a:example.com', 'A1', 'r5');
        INSERT INTO access_tokens (id, user_id, device_id, token) VALUES
            (1, '@a:example.com', 'A1', 't1'), (2, '@a:example.com', 'A1', 't2'), (3, '@a:example.com', NULL, 't3'), (4, '@b:example.com', 'B1', 't4'),
            (5, '@b:example.com', NULL, 't5'), (6, '@c:example.com', NULL, 't6');
        """;

    [Fact]
    public async Task Postgres_estimates_are_the_planner_statistics_and_zero_before_any_ANALYZE()
    {
        await using var database = await SynapseFixtureDatabase.CreatePostgresAsync(Rows);

        await using (var source = await database.OpenAsync())
        {
            Assert.Equal(new SynapseRowEstimates(0, 0, 0, 0, 0, 0), await SynapseRowEstimates.ReadAsync(source));
        }

        await database.ExecuteAsync("ANALYZE");
        await using var analyzed = await database.OpenAsync(SynapseLockMode.Shared);
        Assert.Equal(new SynapseRowEstimates(4, 1, 2, 3, 6, 5), await SynapseRowEstimates.ReadAsync(analyzed));
    }

    [Fact]
    public async Task Sqlite_estimates_are_the_highest_rowid_so_deleted_rows_below_it_still_count()
    {
        await using var database = SynapseFixtureDatabase.CreateSqlite(null);
        await using (var empty = await database.OpenAsync())
        {
            Assert.Equal(new SynapseRowEstimates(0, 0, 0, 0, 0, 0), await SynapseRowEstimates.ReadAsync(empty));
        }

        await database.ExecuteAsync(Rows + "DELETE FROM users WHERE name = '@b:example.com';");
        await using var source = await database.OpenAsync();

        Assert.Equal(new SynapseRowEstimates(4, 1, 2, 3, 6, 5), await SynapseRowEstimates.ReadAsync(source));
        Assert.Equal(3, await source.QuerySingleAsync<long>("SELECT count(*) FROM users"));
    }
}
