using Npgsql;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Databases;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Tests.Synapse;

/// <summary>The table locks of <see cref="SynapseLockMode"/>, seen from a second connection as Synapse would see them.</summary>
public sealed class PostgresSynapseSourceLockTests
{
    private static readonly string[] Tables = ["access_tokens", "devices", "refresh_tokens", "user_external_ids", "user_threepids", "users"];

    /// <summary>Long enough for any open to finish, short enough that a lock wait fails the test instead of hanging it.</summary>
    private static readonly TimeSpan NoWaiting = TimeSpan.FromSeconds(30);

    private static Task<SynapseFixtureDatabase> CreateAsync(string? sql = "INSERT INTO users (name, creation_ts) VALUES ('@a:example.com', 1);") =>
        SynapseFixtureDatabase.CreatePostgresAsync(sql);

    private static Task<NpgsqlConnection> ConnectAsync(SynapseFixtureDatabase database) => database.ConnectPostgresAsync();

    private static async Task<IReadOnlyList<string>> UserNamesAsync(SynapseSource source) =>
        (await source.QueryAsync<string>($"SELECT name FROM users ORDER BY {source.ByteOrder("name")}")).ToList();

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The modes of the relation locks <paramref name="source"/>'s backend holds on the six tables, per table.</summary>
    private static async Task<IReadOnlyList<string>> LocksHeldAsync(NpgsqlConnection observer, SynapseSource source)
    {
        var pid = await source.QuerySingleAsync<int>("SELECT pg_backend_pid()");
        await using var command = new NpgsqlCommand(
            """
            SELECT string_agg(c.relname || ' ' || l.mode, ',' ORDER BY c.relname, l.mode)
            FROM pg_locks AS l JOIN pg_class AS c ON c.oid = l.relation
            WHERE l.pid = @pid AND l.locktype = 'relation' AND l.granted AND c.relname = ANY (@tables)
            """,
            observer);
        command.Parameters.AddWithValue("pid", pid);
        command.Parameters.AddWithValue("tables", Tables);
        return await command.ExecuteScalarAsync() is string held ? held.Split(',') : [];
    }

    /// <summary>Whether a write to <c>users</c> from another connection gets its lock within a short time.</summary>
    private static async Task<bool> CanWriteUsersAsync(NpgsqlConnection writer)
    {
        await using var transaction = await writer.BeginTransactionAsync();
        await using var timeout = new NpgsqlCommand("SET LOCAL lock_timeout = '300ms'", writer, transaction);
        await timeout.ExecuteNonQueryAsync();
        await using var insert = new NpgsqlCommand("INSERT INTO users (name, creation_ts) VALUES ('@writer:example.com', 1)", writer, transaction);
        try
        {
            await insert.ExecuteNonQueryAsync();
            return true;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            return false;
        }
        finally
        {
            await transaction.RollbackAsync();
        }
    }

    [Fact]
    public async Task Exclusive_fails_at_once_while_Synapse_holds_its_row_locks_and_Shared_and_None_still_open()
    {
        await using var database = await CreateAsync();
        await using var synapse = await ConnectAsync(database);
        await using var synapseTransaction = await synapse.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand("LOCK TABLE users IN ROW EXCLUSIVE MODE", synapse, synapseTransaction))
        {
            await hold.ExecuteNonQueryAsync();
        }

        var refused = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => database.OpenAsync(SynapseLockMode.Exclusive).WaitAsync(NoWaiting));

        var settings = ((SynapsePostgresDatabase)database.Database).Connection;
        Assert.StartsWith($"Synapse is still using its database {settings}: ", refused.Message, StringComparison.Ordinal);
        Assert.EndsWith(": stop Synapse (and its workers) before migrating, or use --dry-run.", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
        Assert.DoesNotContain(settings.Password!, refused.Message, StringComparison.Ordinal);
        Assert.Equal(PostgresErrorCodes.LockNotAvailable, Assert.IsType<PostgresException>(refused.InnerException).SqlState);

        foreach (var mode in new[] { SynapseLockMode.Shared, SynapseLockMode.None })
        {
            await using var source = await database.OpenAsync(mode).WaitAsync(NoWaiting);
            Assert.Equal(["@a:example.com"], await UserNamesAsync(source));
        }

        await synapseTransaction.RollbackAsync();
        await using var afterSynapseStopped = await database.OpenAsync(SynapseLockMode.Exclusive).WaitAsync(NoWaiting);
        Assert.Equal(SynapseDialect.Postgres, afterSynapseStopped.Dialect);
    }

    [Theory]
    [InlineData(nameof(SynapseLockMode.None), null, true)]
    [InlineData(nameof(SynapseLockMode.Shared), "AccessShareLock", true)]
    [InlineData(nameof(SynapseLockMode.Exclusive), "ExclusiveLock", false)]
    public async Task Each_mode_holds_its_lock_on_the_six_tables_in_a_read_only_repeatable_read_transaction(
        string modeName, string? lockName, bool othersCanWrite)
    {
        var mode = Enum.Parse<SynapseLockMode>(modeName);
        await using var database = await CreateAsync();
        await using var observer = await ConnectAsync(database);

        await using (var source = await database.OpenAsync(mode))
        {
            Assert.Equal(lockName is null ? [] : Tables.Select(table => $"{table} {lockName}"), await LocksHeldAsync(observer, source));
            Assert.Equal("on", await source.QuerySingleAsync<string>("SHOW transaction_read_only"));
            Assert.Equal("repeatable read", await source.QuerySingleAsync<string>("SHOW transaction_isolation"));
            Assert.Equal(othersCanWrite, await CanWriteUsersAsync(observer));
            var refused = await Assert.ThrowsAsync<PostgresException>(() => source.QueryAsync<int>("INSERT INTO users (name) VALUES ('@x:example.com') RETURNING 1"));
            Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, refused.SqlState);
        }

        // Released with the source.
        Assert.True(await CanWriteUsersAsync(observer));
    }

    [Fact]
    public async Task A_missing_table_is_left_to_the_checks_rather_than_failing_the_lock()
    {
        await using var database = await CreateAsync("DROP TABLE refresh_tokens CASCADE;");
        await using var observer = await ConnectAsync(database);

        await using var source = await database.OpenAsync(SynapseLockMode.Exclusive);

        Assert.Equal(["refresh_tokens"], source.Schema.MissingRequiredTables);
        Assert.Equal(Tables.Where(table => table != "refresh_tokens").Select(table => $"{table} ExclusiveLock"), await LocksHeldAsync(observer, source));
    }
}
