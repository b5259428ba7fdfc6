using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Tests.Synapse;

public sealed class SqliteSynapseReaderTests : SynapseReaderTests
{
    protected override Task<SynapseFixtureDatabase> CreateAsync(string? sql, int schema = 94) => Task.FromResult(SynapseFixtureDatabase.CreateSqlite(sql, schema));

    [Fact]
    public async Task Old_text_booleans_and_NULL_read_as_false_and_anything_else_set_as_true()
    {
        await using var database = await CreateAsync("""
            INSERT INTO users (name, creation_ts, locked) VALUES ('@a:example.com', 1, 'FALSE'), ('@b:example.com', 1, 'TRUE'), ('@c:example.com', 1, 0), ('@d:example.com', 1, 1);
            INSERT INTO devices (user_id, device_id, hidden) VALUES
                ('@a:example.com', 'D1', 'FALSE'), ('@a:example.com', 'D2', 'TRUE'), ('@a:example.com', 'D3', NULL), ('@a:example.com', 'D4', 0), ('@a:example.com', 'D5', 1);
            INSERT INTO access_tokens (id, user_id, device_id, token, used) VALUES
                (1, '@a:example.com', 'D1', 't1', 'FALSE'), (2, '@a:example.com', 'D1', 't2', 'TRUE'), (3, '@a:example.com', 'D1', 't3', NULL), (4, '@a:example.com', 'D1', 't4', 1);
            """);
        await using var source = await database.OpenAsync();
        var reader = new SynapseReader(source);

        Assert.Equal([false, true, false, true], (await ReadAsync(reader.ReadUsersAsync())).Select(user => user.Locked));
        Assert.Equal([false, true, false, false, true], (await ReadAsync(reader.ReadDevicesAsync())).Select(device => device.Hidden));
        Assert.Equal([false, true, false, true], (await ReadAsync(reader.ReadAccessTokensAsync())).Select(token => token.Used));
    }

    [Fact]
    public async Task Text_a_blob_or_a_fraction_in_a_number_column_reads_as_not_a_number_never_as_a_number()
    {
        await using var database = await CreateAsync("""
            INSERT INTO users (name, creation_ts) VALUES
                ('@a:example.com', 'yesterday'), ('@b:example.com', 1.5), ('@c:example.com', X'01'), ('@d:example.com', '1600000000'), ('@e:example.com', NULL);
            INSERT INTO access_tokens (id, user_id, token, valid_until_ms, last_validated) VALUES ('first', '@a:example.com', 't', 'never', 2.5);
            """);
        await using var source = await database.OpenAsync();
        var reader = new SynapseReader(source);

        var notANumber = new SynapseSeconds(SynapseNumber.NotANumber);
        Assert.Equal(
            [notANumber, notANumber, notANumber, new SynapseSeconds(1_600_000_000), null],
            (await ReadAsync(reader.ReadUsersAsync())).Select(user => user.CreationTs));
        var token = Assert.Single(await ReadAsync(reader.ReadAccessTokensAsync()));
        Assert.True(token.ValidUntilMs?.IsNotANumber);
        Assert.True(token.LastValidated?.IsNotANumber);
        Assert.Equal(SynapseNumber.NotANumber, token.Id);
        Assert.Null(token.RefreshTokenId);
    }

    [Fact]
    public async Task Text_holding_NUL_characters_is_read_as_stored_and_merged_by_it()
    {
        await using var database = await CreateAsync("""
            INSERT INTO users (name, password_hash, creation_ts) VALUES ('@a:example.com', 'h' || char(0), 1), ('@a' || char(0) || ':example.com', NULL, 2);
            INSERT INTO devices (user_id, device_id, display_name) VALUES ('@a' || char(0) || ':example.com', 'D' || char(0), 'x' || char(0) || 'y');
            INSERT INTO access_tokens (id, user_id, device_id, token) VALUES (1, '@a' || char(0) || ':example.com', 'D' || char(0), 'syt' || char(0));
            """);
        await using var source = await database.OpenAsync();
        var reader = new SynapseReader(source);

        var users = await ReadAsync(reader.ReadUsersAsync());
        Assert.Equal(["@a\0:example.com", "@a:example.com"], users.Select(user => user.Name?.Value));
        Assert.Equal("h\0", users[1].PasswordHash);
        var device = Assert.Single(await ReadAsync(reader.ReadDevicesAsync()));
        Assert.Equal(new SynapseDevice("@a\0:example.com", "D\0", "x\0y", null, null, null, false), device);

        var groups = await ReadAsync(MergeAll(reader));
        Assert.Equal(["@a\0:example.com", "@a:example.com"], groups.Select(group => group.UserId));
        Assert.Equal("syt\0", Assert.Single(groups[0].AccessTokens).Token);
        Assert.Empty(groups[1].Devices);
    }

    [Fact]
    public async Task The_tables_are_read_through_and_sorted_not_walked_through_their_user_id_indexes()
    {
        await using var database = await CreateAsync(GeneratedData);
        await using var source = await database.OpenAsync();
        var reader = new SynapseReader(source);

        async Task<string> PlanAsync(string sql) =>
            string.Join('\n', (await source.QueryAsync<dynamic>($"EXPLAIN QUERY PLAN {sql}")).Select(row => (string)row.detail));

        // Rows lie in insertion order: an index walk fetches them one random page at a time (SynapseSql.ReadWhole).
        foreach (var (sql, table) in new[]
        {
            (reader.NamedUsersSql, "users"), (reader.ThreepidsSql, "user_threepids"), (reader.ExternalIdsSql, "user_external_ids"),
            (reader.DevicesSql, "devices"), (reader.AccessTokensSql, "access_tokens"), (reader.RefreshTokensSql, "refresh_tokens"),
        })
        {
            var plan = await PlanAsync(sql);
            Assert.True(
                plan.Contains($"SCAN {table}", StringComparison.Ordinal) && !plan.Contains("INDEX", StringComparison.Ordinal)
                && plan.Contains("TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal),
                plan);
        }

        // The few users without a name are looked up, not searched for in a full scan.
        var unnamed = await PlanAsync(reader.UnnamedUsersSql);
        Assert.True(unnamed.Contains("INDEX sqlite_autoindex_users_1", StringComparison.Ordinal), unnamed);
    }
}
