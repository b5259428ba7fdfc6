using System.Runtime.CompilerServices;
using Syn2Mas.Net.Databases;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Tests.Synapse;

/// <summary>
/// <see cref="SynapseReader"/> against real databases of each dialect, built from the schema fixtures plus
/// INSERTs that both SQLite and PostgreSQL accept. The data is awkward on purpose: mixed case, non-ASCII,
/// characters above U+FFFF next to U+E000–U+FFFF (where UTF-16 order and code point order disagree), NULL
/// names, NULL device ids and NULL booleans.
/// </summary>
public abstract class SynapseReaderTests
{
    protected const string Emoji = "@\U0001F600:example.com";
    protected const string PrivateUse = "@\uE000:example.com";
    protected const string Fullwidth = "@\uFF21:example.com";
    protected const string Accented = "@\u00E9lodie:example.com";

    /// <summary>The awkward data set; every expected list below follows from it.</summary>
    protected const string AwkwardData = $"""
        INSERT INTO users (name, password_hash, creation_ts, admin, is_guest, deactivated, appservice_id, locked) VALUES
            (NULL, NULL, 10, 0, 0, 0, NULL, FALSE),
            ('@alice:example.com', '$2b$12$alice', 1700000000, 1, 0, 0, NULL, FALSE),
            ('{Emoji}', NULL, 3, 0, 0, 0, NULL, TRUE),
            ('@Zed:example.com', NULL, NULL, 0, 1, 0, NULL, FALSE),
            ('{PrivateUse}', '', 4, 0, 0, 1, NULL, FALSE),
            ('@Alice:example.com', '$2b$12$Alice', 2, 0, 0, 0, NULL, FALSE),
            ('@irc_bob:example.com', NULL, 5, 0, 0, 0, 'irc', FALSE),
            ('{Accented}', NULL, 6, 1, 1, 1, NULL, TRUE),
            (NULL, 'unnamed', 11, 0, 0, 0, NULL, FALSE),
            ('{Fullwidth}', NULL, 7, 0, 0, 0, NULL, FALSE);
        INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at) VALUES
            ('@alice:example.com', 'msisdn', '4412345', 1, 100),
            ('{Emoji}', 'email', 'smile@example.com', 1, 101),
            ('@alice:example.com', 'email', 'alice@example.com', 1, 102),
            ('@Alice:example.com', 'email', 'Alice@example.com', 1, 103),
            ('@ghost:example.com', 'email', 'ghost@example.com', 1, 104),
            ('{PrivateUse}', 'email', 'pua@example.com', 1, 105);
        INSERT INTO user_external_ids (auth_provider, external_id, user_id) VALUES
            ('oidc-authelia', 'sub-b', '@alice:example.com'),
            ('oidc', 'sub-a', '@alice:example.com'),
            ('saml', 'S', '{Fullwidth}'),
            ('oidc', 'sub-Z', '@Zed:example.com');
        INSERT INTO devices (user_id, device_id, display_name, last_seen, ip, user_agent, hidden) VALUES
            ('@alice:example.com', 'b', 'Phone', 1000, '1.2.3.4', 'UA', FALSE),
            ('@alice:example.com', 'B', NULL, NULL, NULL, NULL, NULL),
            ('@alice:example.com', 'XSIGN', NULL, NULL, NULL, NULL, TRUE),
            ('{Emoji}', 'E1', 'Tablet', 2000, '-', 'Firefox', FALSE),
            ('@ghost:example.com', 'G', NULL, NULL, NULL, NULL, FALSE),
            ('{PrivateUse}', 'P1', NULL, NULL, '', NULL, FALSE);
        INSERT INTO refresh_tokens (id, user_id, device_id, token, next_token_id) VALUES
            (2, '@alice:example.com', 'b', 'syr_2', NULL),
            (1, '@alice:example.com', 'b', 'syr_1', 2),
            (3, '{Emoji}', 'E1', 'syr_3', NULL),
            (4, '@Alice:example.com', 'A', 'syr_4', NULL);
        INSERT INTO access_tokens (id, user_id, device_id, token, valid_until_ms, puppets_user_id, last_validated, refresh_token_id, used) VALUES
            (10, '@alice:example.com', 'b', 'syt_10', 5000, NULL, 900, 1, TRUE),
            (11, '@alice:example.com', NULL, 'syt_11', NULL, '@Zed:example.com', NULL, NULL, NULL),
            (12, '@alice:example.com', 'B', 'syt_12', NULL, NULL, NULL, NULL, FALSE),
            (13, '@alice:example.com', 'b', 'syt_13', NULL, NULL, NULL, 2, FALSE),
            (9, '@alice:example.com', NULL, 'syt_9', NULL, NULL, NULL, NULL, NULL),
            (14, '{Emoji}', 'E1', 'syt_14', NULL, NULL, NULL, 3, NULL),
            (15, '@ghost:example.com', NULL, 'syt_15', NULL, NULL, NULL, NULL, NULL),
            (16, '@Alice:example.com', 'A', 'syt_16', NULL, NULL, NULL, NULL, NULL);
        """;

    protected const int GeneratedUsers = 20000;

    /// <summary>
    /// A homeserver of <see cref="GeneratedUsers"/> users, each with an email, two devices, three access tokens
    /// (one deviceless, one refreshable) and a refresh token, every second one with an external id, plus 20
    /// orphan devices: 150,020 rows besides the users, in 20,020 user ids.
    /// </summary>
    protected const string GeneratedData = """
        INSERT INTO users (name, password_hash, creation_ts, admin, is_guest, deactivated, appservice_id, locked)
        WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 20000)
        SELECT '@user' || n || ':example.com', '$2b$12$generated' || n, 1600000000 + n, 0, 0, 0, NULL, FALSE FROM g;
        INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at)
        WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 20000)
        SELECT '@user' || n || ':example.com', 'email', 'user' || n || '@example.com', n, n FROM g;
        INSERT INTO user_external_ids (auth_provider, external_id, user_id)
        WITH RECURSIVE g(n) AS (SELECT 2 UNION ALL SELECT n + 2 FROM g WHERE n < 20000)
        SELECT 'oidc', 'subject-' || n, '@user' || n || ':example.com' FROM g;
        INSERT INTO devices (user_id, device_id, display_name, last_seen, ip, user_agent, hidden)
        WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 20000)
        SELECT '@user' || n || ':example.com', 'DEVICE' || k, 'Phone ' || k, n, '10.0.0.1', 'Element', FALSE
        FROM g CROSS JOIN (SELECT 1 AS k UNION ALL SELECT 2) AS ks;
        INSERT INTO devices (user_id, device_id)
        WITH RECURSIVE g(n) AS (SELECT 1000 UNION ALL SELECT n + 1000 FROM g WHERE n < 20000)
        SELECT '@ghost' || n || ':example.com', 'G' FROM g;
        INSERT INTO refresh_tokens (id, user_id, device_id, token, next_token_id)
        WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 20000)
        SELECT n, '@user' || n || ':example.com', 'DEVICE1', 'syr_' || n, NULL FROM g;
        INSERT INTO access_tokens (id, user_id, device_id, token, valid_until_ms, puppets_user_id, last_validated, refresh_token_id, used)
        WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 20000)
        SELECT n * 3 + k, '@user' || n || ':example.com', CASE k WHEN 0 THEN NULL ELSE 'DEVICE' || k END, 'syt_' || n || '_' || k,
               NULL, NULL, n, CASE k WHEN 1 THEN n END, FALSE
        FROM g CROSS JOIN (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2) AS ks;
        """;

    private protected static readonly SynapseUser[] ExpectedUnnamedUsers =
    [
        new(null, null, new SynapseSeconds(10), false, false, false, null, false),
        new(null, "unnamed", new SynapseSeconds(11), false, false, false, null, false),
    ];

    private protected static readonly SynapseUser[] ExpectedNamedUsers =
    [
        new(new SynapseUserId("@Alice:example.com"), "$2b$12$Alice", new SynapseSeconds(2), false, false, false, null, false),
        new(new SynapseUserId("@Zed:example.com"), null, null, false, true, false, null, false),
        new(new SynapseUserId("@alice:example.com"), "$2b$12$alice", new SynapseSeconds(1700000000), true, false, false, null, false),
        new(new SynapseUserId("@irc_bob:example.com"), null, new SynapseSeconds(5), false, false, false, "irc", false),
        new(new SynapseUserId(Accented), null, new SynapseSeconds(6), true, true, true, null, true),
        new(new SynapseUserId(PrivateUse), "", new SynapseSeconds(4), false, false, true, null, false),
        new(new SynapseUserId(Fullwidth), null, new SynapseSeconds(7), false, false, false, null, false),
        new(new SynapseUserId(Emoji), null, new SynapseSeconds(3), false, false, false, null, true),
    ];

    private protected static readonly SynapseThreepid[] ExpectedThreepids =
    [
        new("@Alice:example.com", "email", "Alice@example.com", new SynapseMilliseconds(103)),
        new("@alice:example.com", "email", "alice@example.com", new SynapseMilliseconds(102)),
        new("@alice:example.com", "msisdn", "4412345", new SynapseMilliseconds(100)),
        new("@ghost:example.com", "email", "ghost@example.com", new SynapseMilliseconds(104)),
        new(PrivateUse, "email", "pua@example.com", new SynapseMilliseconds(105)),
        new(Emoji, "email", "smile@example.com", new SynapseMilliseconds(101)),
    ];

    private protected static readonly SynapseExternalId[] ExpectedExternalIds =
    [
        new("@Zed:example.com", "oidc", "sub-Z"),
        new("@alice:example.com", "oidc", "sub-a"),
        new("@alice:example.com", "oidc-authelia", "sub-b"),
        new(Fullwidth, "saml", "S"),
    ];

    private protected static readonly SynapseDevice[] ExpectedDevices =
    [
        new("@alice:example.com", "B", null, null, null, null, false),
        new("@alice:example.com", "XSIGN", null, null, null, null, true),
        new("@alice:example.com", "b", "Phone", new SynapseMilliseconds(1000), "1.2.3.4", "UA", false),
        new("@ghost:example.com", "G", null, null, null, null, false),
        new(PrivateUse, "P1", null, null, "", null, false),
        new(Emoji, "E1", "Tablet", new SynapseMilliseconds(2000), "-", "Firefox", false),
    ];

    private protected static readonly SynapseAccessToken[] ExpectedAccessTokens =
    [
        new(16, "@Alice:example.com", "A", "syt_16", null, null, null, null, false),
        new(9, "@alice:example.com", null, "syt_9", null, null, null, null, false),
        new(11, "@alice:example.com", null, "syt_11", null, "@Zed:example.com", null, null, false),
        new(12, "@alice:example.com", "B", "syt_12", null, null, null, null, false),
        new(10, "@alice:example.com", "b", "syt_10", new SynapseMilliseconds(5000), null, new SynapseMilliseconds(900), 1, true),
        new(13, "@alice:example.com", "b", "syt_13", null, null, null, 2, false),
        new(15, "@ghost:example.com", null, "syt_15", null, null, null, null, false),
        new(14, Emoji, "E1", "syt_14", null, null, null, 3, false),
    ];

    private protected static readonly SynapseRefreshToken[] ExpectedRefreshTokens =
    [
        new(4, "@Alice:example.com", "A", "syr_4", null),
        new(1, "@alice:example.com", "b", "syr_1", 2),
        new(2, "@alice:example.com", "b", "syr_2", null),
        new(3, Emoji, "E1", "syr_3", null),
    ];

    /// <summary>Creates a database from the schema fixture, runs <paramref name="sql"/> on it, and hands it over closed.</summary>
    protected abstract Task<SynapseFixtureDatabase> CreateAsync(string? sql, int schema = 94);

    protected static Task<List<T>> ReadAsync<T>(IAsyncEnumerable<T> rows) => AsyncRows.ToListAsync(rows);

    private protected static async Task AssertUsersAsync(SynapseReader reader)
    {
        var users = await ReadAsync(reader.ReadUsersAsync());

        // Nothing orders the NULL names among themselves: they only have to come first.
        Assert.Equal(ExpectedUnnamedUsers, users.Take(2).OrderBy(user => user.CreationTs?.Stored));
        Assert.Equal(ExpectedNamedUsers, users.Skip(2));
    }

    private protected static async Task AssertEveryStreamAsync(SynapseReader reader)
    {
        await AssertUsersAsync(reader);
        Assert.Equal(ExpectedThreepids, await ReadAsync(reader.ReadThreepidsAsync()));
        Assert.Equal(ExpectedExternalIds, await ReadAsync(reader.ReadExternalIdsAsync()));
        Assert.Equal(ExpectedDevices, await ReadAsync(reader.ReadDevicesAsync()));
        Assert.Equal(ExpectedAccessTokens, await ReadAsync(reader.ReadAccessTokensAsync()));
        Assert.Equal(ExpectedRefreshTokens, await ReadAsync(reader.ReadRefreshTokensAsync()));
    }

    private protected static IAsyncEnumerable<SynapseUserRows> MergeAll(SynapseReader reader) => SynapseUserMerger.MergeAsync(
        reader.ReadUsersAsync(),
        reader.ReadThreepidsAsync(),
        reader.ReadExternalIdsAsync(),
        reader.ReadDevicesAsync(),
        reader.ReadAccessTokensAsync(),
        reader.ReadRefreshTokensAsync());

    // ---- order and content of each stream ----

    [Fact]
    public async Task Users_come_NULL_names_first_then_in_code_point_order_with_every_column()
    {
        await using var database = await CreateAsync(AwkwardData);
        await using var source = await database.OpenAsync();

        await AssertUsersAsync(new SynapseReader(source));
    }

    [Fact]
    public async Task Every_stream_comes_in_code_point_order_of_user_id_with_every_column()
    {
        await using var database = await CreateAsync(AwkwardData);
        await using var source = await database.OpenAsync();

        await AssertEveryStreamAsync(new SynapseReader(source));
    }

    [Fact]
    public async Task Schema_72_without_users_locked_reads_nobody_as_locked()
    {
        await using var database = await CreateAsync("""
            INSERT INTO users (name, password_hash, creation_ts, admin, is_guest, deactivated, appservice_id) VALUES
                ('@b:example.com', NULL, 2, 0, 1, 1, NULL),
                ('@a:example.com', 'hash', 1, 1, 0, 0, 'bridge');
            INSERT INTO devices (user_id, device_id, hidden) VALUES ('@a:example.com', 'D', TRUE);
            INSERT INTO access_tokens (id, user_id, device_id, token, used) VALUES (1, '@a:example.com', 'D', 't', TRUE);
            """, schema: 72);
        await using var source = await database.OpenAsync();
        Assert.False(source.Schema.HasColumn("users", "locked"));
        var reader = new SynapseReader(source);

        Assert.Equal(
            [new SynapseUser(new SynapseUserId("@a:example.com"), "hash", new SynapseSeconds(1), true, false, false, "bridge", false), new SynapseUser(new SynapseUserId("@b:example.com"), null, new SynapseSeconds(2), false, true, true, null, false)],
            await ReadAsync(reader.ReadUsersAsync()));
        Assert.True(Assert.Single(await ReadAsync(reader.ReadDevicesAsync())).Hidden);
        Assert.True(Assert.Single(await ReadAsync(reader.ReadAccessTokensAsync())).Used);
    }

    [Fact]
    public async Task Empty_tables_give_empty_streams()
    {
        await using var database = await CreateAsync(null);
        await using var source = await database.OpenAsync();
        var reader = new SynapseReader(source);

        Assert.Empty(await ReadAsync(reader.ReadUsersAsync()));
        Assert.Empty(await ReadAsync(reader.ReadThreepidsAsync()));
        Assert.Empty(await ReadAsync(reader.ReadExternalIdsAsync()));
        Assert.Empty(await ReadAsync(reader.ReadDevicesAsync()));
        Assert.Empty(await ReadAsync(reader.ReadAccessTokensAsync()));
        Assert.Empty(await ReadAsync(reader.ReadRefreshTokensAsync()));
        Assert.Empty(await ReadAsync(MergeAll(reader)));
    }

    [Fact]
    public async Task A_database_the_checks_would_refuse_is_not_read()
    {
        await using var database = await CreateAsync("UPDATE schema_version SET version = 58;");
        await using var source = await database.OpenAsync();

        var error = Assert.Throws<InvalidOperationException>(() => new SynapseReader(source));
        Assert.Contains("schema 59 or newer", error.Message, StringComparison.Ordinal);
    }

    // ---- batches and interleaving ----

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(8)]
    [InlineData(9)]
    public async Task Batches_of_any_size_give_the_same_rows(int batchSize)
    {
        // 8 named users, 6 threepids and devices, 4 external ids and refresh tokens, 8 access tokens: these
        // sizes end streams exactly on a batch boundary, one short of it and one past it.
        await using var database = await CreateAsync(AwkwardData);
        await using var source = await database.OpenAsync();

        await AssertEveryStreamAsync(new SynapseReader(source, batchSize));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(SynapseReader.DefaultBatchSize)]
    public async Task All_six_streams_read_interleaved_merge_into_one_group_per_user_id(int batchSize)
    {
        await using var database = await CreateAsync(AwkwardData);
        await using var source = await database.OpenAsync();

        var groups = await ReadAsync(MergeAll(new SynapseReader(source, batchSize)));

        Assert.Equal(
            [null, null, "@Alice:example.com", "@Zed:example.com", "@alice:example.com", "@ghost:example.com", "@irc_bob:example.com", Accented, PrivateUse, Fullwidth, Emoji],
            groups.Select(group => group.UserId));
        Assert.Equal(ExpectedUnnamedUsers, groups.Take(2).Select(group => group.User).OrderBy(user => user!.CreationTs?.Stored));
        Assert.Equal(ExpectedNamedUsers, groups.Skip(2).Where(group => !group.IsOrphan).Select(group => group.User));
        Assert.Equal(["@ghost:example.com"], groups.Where(group => group.IsOrphan).Select(group => group.UserId));
        Assert.Equal(ExpectedThreepids, groups.SelectMany(group => group.Threepids));
        Assert.Equal(ExpectedExternalIds, groups.SelectMany(group => group.ExternalIds));
        Assert.Equal(ExpectedDevices, groups.SelectMany(group => group.Devices));
        Assert.Equal(ExpectedAccessTokens, groups.SelectMany(group => group.AccessTokens));
        Assert.Equal(ExpectedRefreshTokens, groups.SelectMany(group => group.RefreshTokens));
        Assert.All(groups.Where(group => group.UserId is not null), group =>
        {
            Assert.All(group.Threepids, row => Assert.Equal(group.UserId, row.UserId));
            Assert.All(group.ExternalIds, row => Assert.Equal(group.UserId, row.UserId));
            Assert.All(group.Devices, row => Assert.Equal(group.UserId, row.UserId));
            Assert.All(group.AccessTokens, row => Assert.Equal(group.UserId, row.UserId));
            Assert.All(group.RefreshTokens, row => Assert.Equal(group.UserId, row.UserId));
        });

        var alice = groups.Single(group => group.UserId == "@alice:example.com");
        Assert.Equal([2, 2, 3, 5, 2], [alice.Threepids.Count, alice.ExternalIds.Count, alice.Devices.Count, alice.AccessTokens.Count, alice.RefreshTokens.Count]);
    }

    [Fact]
    public async Task The_same_table_can_be_streamed_twice_at_once()
    {
        await using var database = await CreateAsync(AwkwardData);
        await using var source = await database.OpenAsync();
        var reader = new SynapseReader(source, batchSize: 2);

        await using var first = reader.ReadDevicesAsync().GetAsyncEnumerator();
        await using var second = reader.ReadDevicesAsync().GetAsyncEnumerator();
        var pairs = new List<(SynapseDevice, SynapseDevice)>();
        while (await first.MoveNextAsync())
        {
            Assert.True(await second.MoveNextAsync());
            pairs.Add((first.Current, second.Current));
        }

        Assert.False(await second.MoveNextAsync());
        Assert.Equal(ExpectedDevices, pairs.Select(pair => pair.Item1));
        Assert.Equal(ExpectedDevices, pairs.Select(pair => pair.Item2));
    }

    [Theory]
    [InlineData(nameof(SynapseLockMode.None))]
    [InlineData(nameof(SynapseLockMode.Shared))]
    public async Task Every_stream_reads_the_snapshot_taken_at_open(string modeName)
    {
        var mode = Enum.Parse<SynapseLockMode>(modeName);
        await using var database = await CreateAsync("INSERT INTO users (name, creation_ts) VALUES ('@a:example.com', 1);");
        await using var source = await database.OpenAsync(mode);

        await database.ExecuteAsync("""
            INSERT INTO users (name, creation_ts) VALUES ('@late:example.com', 2);
            INSERT INTO devices (user_id, device_id) VALUES ('@a:example.com', 'LATE');
            """);

        var reader = new SynapseReader(source, batchSize: 1);
        Assert.Equal(["@a:example.com"], (await ReadAsync(reader.ReadUsersAsync())).Select(user => user.Name?.Value));
        Assert.Empty(await ReadAsync(reader.ReadDevicesAsync()));
        await using var later = await database.OpenAsync(mode);
        Assert.Single(await ReadAsync(new SynapseReader(later).ReadDevicesAsync()));
    }

    [Fact]
    public async Task Twenty_thousand_users_stream_through_the_merge_without_anything_handed_out_being_kept()
    {
        await using var database = await CreateAsync(GeneratedData);
        await using var source = await database.OpenAsync();
        const int batchSize = 500;
        var reader = new SynapseReader(source, batchSize);

        // Groups handed out early, with their rows, must be collectable once the merge has moved many
        // batches further: nothing in the readers or the merge may hold on to what it yielded.
        var early = new List<WeakReference>();
        var checkedEarly = false;
        long groups = 0;
        long orphans = 0;
        long rows = 0;
        string? previous = null;
        await foreach (var group in MergeAll(reader))
        {
            groups++;
            Assert.True(CodePointComparer.Instance.Compare(previous, group.UserId) < 0, $"{group.UserId} after {previous}");
            previous = group.UserId;
            orphans += group.IsOrphan ? 1 : 0;
            rows += group.Threepids.Count + group.ExternalIds.Count + group.Devices.Count + group.AccessTokens.Count + group.RefreshTokens.Count;
            if (groups <= 5000 && groups % 50 == 0)
            {
                Remember(early, group);
            }

            if (groups == 15000)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                Assert.Equal(0, early.Count(reference => reference.IsAlive));
                checkedEarly = true;
            }
        }

        Assert.True(checkedEarly);
        Assert.True(early.Count > 500);
        Assert.Equal(GeneratedUsers + 20, groups);
        Assert.Equal(20, orphans);
        Assert.Equal(150_020, rows);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Remember(List<WeakReference> references, SynapseUserRows group)
    {
        references.Add(new WeakReference(group));
        references.Add(new WeakReference(group.User));
        references.AddRange(group.Threepids.Select(row => new WeakReference(row)));
        references.AddRange(group.Devices.Select(row => new WeakReference(row)));
        references.AddRange(group.AccessTokens.Select(row => new WeakReference(row)));
        references.AddRange(group.RefreshTokens.Select(row => new WeakReference(row)));
    }

    // ---- cancellation, and nothing written ----

    [Fact]
    public async Task Cancellation_through_the_argument_or_WithCancellation_stops_a_stream()
    {
        await using var database = await CreateAsync(AwkwardData);
        await using var source = await database.OpenAsync();
        var reader = new SynapseReader(source, batchSize: 2);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReadAsync(reader.ReadDevicesAsync(cancelled.Token)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AsyncRows.ToListAsync(reader.ReadAccessTokensAsync(), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AsyncRows.ToListAsync(reader.ReadUsersAsync(), cancelled.Token));
    }

    [Fact]
    public async Task Reading_writes_nothing()
    {
        await using var database = await CreateAsync(AwkwardData);
        var before = await database.FingerprintAsync();

        foreach (var lockMode in Enum.GetValues<SynapseLockMode>())
        {
            await using var source = await database.OpenAsync(lockMode);
            var reader = new SynapseReader(source, batchSize: 2);
            await AssertEveryStreamAsync(reader);
            Assert.Equal(11, (await ReadAsync(MergeAll(reader))).Count);
            await foreach (var _ in MergeAll(reader))
            {
                break;
            }

            await SynapseRowEstimates.ReadAsync(source);

        }

        Assert.Equal(before, await database.FingerprintAsync());
    }
}
