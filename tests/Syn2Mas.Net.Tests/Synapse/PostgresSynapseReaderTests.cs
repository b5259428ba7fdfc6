using Npgsql;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Tests.Synapse;

public sealed class PostgresSynapseReaderTests : SynapseReaderTests
{
    protected override Task<SynapseFixtureDatabase> CreateAsync(string? sql, int schema = 94) => SynapseFixtureDatabase.CreatePostgresAsync(sql, schema);

    private static async Task<long> OpenCursorsAsync(SynapseSource source) => await source.QuerySingleAsync<long>("SELECT count(*) FROM pg_cursors WHERE starts_with(name, 'syn2mas_rows_')");

    [Fact]
    public async Task Streams_read_through_cursors_that_are_closed_at_the_end_or_when_abandoned()
    {
        await using var database = await CreateAsync(AwkwardData);
        await using var source = await database.OpenAsync();
        var reader = new SynapseReader(source, batchSize: 2);

        await using (var devices = reader.ReadDevicesAsync().GetAsyncEnumerator())
        {
            Assert.True(await devices.MoveNextAsync());
            await using var tokens = reader.ReadAccessTokensAsync().GetAsyncEnumerator();
            Assert.True(await tokens.MoveNextAsync());
            Assert.Equal(2, await OpenCursorsAsync(source));
        }

        Assert.Equal(0, await OpenCursorsAsync(source));
        Assert.Equal(ExpectedDevices, await ReadAsync(reader.ReadDevicesAsync()));
        Assert.Equal(0, await OpenCursorsAsync(source));
        Assert.Equal(11, (await ReadAsync(MergeAll(reader))).Count);
        Assert.Equal(0, await OpenCursorsAsync(source));
    }

    [Fact]
    public async Task The_database_collation_decides_whether_ORDER_BY_needs_COLLATE_C()
    {
        await using var synapseLike = await CreateAsync(null);
        await using (var source = await synapseLike.OpenAsync())
        {
            Assert.True(source.SortsTextByCodePoint);
            Assert.Equal("name", source.ByteOrder("name"));
            Assert.DoesNotContain("COLLATE", new SynapseReader(source).NamedUsersSql, StringComparison.Ordinal);
        }

        await using var serverDefault = await SynapseFixtureDatabase.CreatePostgresAsync(null, 94, "");
        await using (var source = await serverDefault.OpenAsync())
        {
            Assert.False(source.SortsTextByCodePoint);
            Assert.Equal("name COLLATE \"C\"", source.ByteOrder("name"));
            Assert.Contains("name COLLATE \"C\"", new SynapseReader(source).NamedUsersSql, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_database_with_a_linguistic_collation_is_still_read_in_code_point_order()
    {
        await using var database = await SynapseFixtureDatabase.CreatePostgresAsync(AwkwardData, 94, "TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'");

        // The premise: this database's own order is not code point order.
        await using (var connection = await database.ConnectPostgresAsync())
        {
            await using var command = new NpgsqlCommand("SELECT string_agg(name, ' ' ORDER BY name) FROM users", connection);
            var own = (string)(await command.ExecuteScalarAsync())!;
            Assert.NotEqual(string.Join(' ', ExpectedNamedUsers.Select(user => user.Name)), own);
        }

        await using var source = await database.OpenAsync();
        Assert.False(source.SortsTextByCodePoint);
        await AssertEveryStreamAsync(new SynapseReader(source, batchSize: 3));
        Assert.Equal(11, (await ReadAsync(MergeAll(new SynapseReader(source, batchSize: 3)))).Count);
    }

    [Fact]
    public async Task Synapse_indexes_serve_the_order_in_a_database_with_the_C_collation()
    {
        await using var database = await CreateAsync(GeneratedData);
        await database.ExecuteAsync("ANALYZE");
        await using var source = await database.OpenAsync();
        var reader = new SynapseReader(source);

        async Task<string> PlanAsync(string sql) =>
            string.Join('\n', await source.QueryAsync<string>($"EXPLAIN DECLARE plan_check NO SCROLL CURSOR FOR {sql}"));

        // Read straight off the index: no sort at all.
        foreach (var (sql, index) in new[] { (reader.NamedUsersSql, "users_name_key"), (reader.UnnamedUsersSql, "users_name_key"), (reader.DevicesSql, "device_uniqueness") })
        {
            var plan = await PlanAsync(sql);
            Assert.True(plan.Contains($"using {index}", StringComparison.Ordinal) && !plan.Contains("Sort", StringComparison.Ordinal), plan);
        }

        // The index gives the user id order; only each user's few rows are sorted by the rest of the key.
        foreach (var (sql, index) in new[] { (reader.ThreepidsSql, "user_threepids_user_id"), (reader.ExternalIdsSql, "user_external_ids_user_id_idx"), (reader.AccessTokensSql, "access_tokens_device_id") })
        {
            var plan = await PlanAsync(sql);
            Assert.True(
                plan.Contains($"using {index}", StringComparison.Ordinal) && plan.Contains("Incremental Sort", StringComparison.Ordinal)
                && plan.Contains("Presorted Key: user_id", StringComparison.Ordinal),
                plan);
        }
    }
}
