using System.Data;
using System.Data.Common;
using System.Net;
using System.Runtime.CompilerServices;
using Dapper;
using Npgsql;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Databases;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Mas;

/// <summary>
/// Reads the tables the migration writes back out of MAS, user by user, in the order Synapse's reader gives
/// users, so that <c>verify</c> can merge both sides as they stream. One read-only repeatable-read
/// transaction, whose snapshot the tables' own connections import (<see cref="MasSnapshotQuery"/>): every
/// table is read in the same snapshot, and nothing is locked or written.
/// </summary>
/// <remarks>
/// Synapse orders by the whole user id, <c>@localpart:server</c>, in code point order; MAS holds the
/// localpart only, and ordering by it alone differs (<c>a</c> before <c>a.b</c>, but <c>@a.b:</c> before
/// <c>@a:</c>, as '.' sorts before ':'). Every localpart is followed by the same <c>:server</c> and holds
/// no ':' itself, so ordering by <c>username || ':'</c> byte by byte (<c>COLLATE "C"</c>, UTF-8 bytes being in
/// code point order) gives exactly Synapse's order.
/// </remarks>
internal sealed class MasReader : IAsyncDisposable
{
    private const string ApplicationName = "syn2mas-net verify";

    private const string UserOrder = "(u.username || ':') COLLATE \"C\"";

    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly string _serverSuffix;

    private MasReader(NpgsqlDataSource dataSource, NpgsqlConnection connection, NpgsqlTransaction transaction, string database, string serverName)
    {
        _dataSource = dataSource;
        _connection = connection;
        _transaction = transaction;
        _serverSuffix = ":" + serverName;
        Database = database;
    }

    /// <summary>Names the database without its password, for messages.</summary>
    public string Database { get; }

    /// <exception cref="DatabaseUnavailableException">MAS cannot be reached.</exception>
    public static async Task<MasReader> OpenAsync(PostgresConnectionSettings database, string serverName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrEmpty(serverName);
        var name = database.ToString();

        // Reading a million users' rows takes longer than Npgsql's default 30 seconds per statement.
        var dataSource = database.CreateDataSource(ApplicationName, TimeSpan.Zero);
        try
        {
            var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("SET TRANSACTION READ ONLY", transaction: transaction, cancellationToken: cancellationToken));
            return new MasReader(dataSource, connection, transaction, name, serverName);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            await dataSource.DisposeAsync();
            throw new DatabaseUnavailableException(
                $"Cannot connect to MAS's PostgreSQL database {name}: {PostgresErrors.Describe(exception)}; check `database` in MAS's config or --mas-database-uri.",
                exception);
        }
    }

    /// <summary>The newest applied MAS migration, or null when sqlx's table is missing.</summary>
    public async Task<long?> SchemaVersionAsync(CancellationToken cancellationToken = default) =>
        await QueryAsync<long?>(
            $"SELECT CASE WHEN to_regclass('{MasSchema.MigrationsTable}') IS NULL THEN NULL ELSE (SELECT max(version) FROM {MasSchema.MigrationsTable}) END",
            cancellationToken);

    /// <summary>
    /// The creation time of the newest session or access token MAS holds: with MAS not yet serving, the
    /// newest row the migration wrote. Null when there is none.
    /// </summary>
    public async Task<DateTimeOffset?> NewestSessionOrTokenAsync(CancellationToken cancellationToken = default) =>
        await QueryAsync<DateTime?>(
            "SELECT greatest((SELECT max(created_at) FROM compat_sessions), (SELECT max(created_at) FROM compat_access_tokens))",
            cancellationToken) is { } newest
            ? new DateTimeOffset(DateTime.SpecifyKind(newest, DateTimeKind.Utc))
            : null;

    /// <summary>
    /// Every user's rows in <see cref="MasSchema.WrittenTables"/>, in Synapse's user order: first the rows no
    /// user owns, then one <see cref="MasUserRows"/> per user id that any table names.
    /// </summary>
    public async IAsyncEnumerable<MasUserRows> ReadByUserAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Every table's query starts at once, each on its own connection in this transaction's snapshot, so
        // the server sorts them side by side and the first rows of all are there when merging starts.
        var snapshot = await QueryAsync(() => PostgresSnapshot.ExportAsync(_connection, _transaction, cancellationToken));
        string[] queries = [UsersSql, PasswordsSql, EmailsSql, UnsupportedThreepidsSql, LinksSql, SessionsSql, AccessTokensSql, RefreshTokensSql];
        var started = queries.Select(sql => MasSnapshotQuery.StartAsync(_dataSource, snapshot, sql, cancellationToken)).ToArray();
        try
        {
            await Task.WhenAll(started);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            await DisposeAsync(started);
            throw Unavailable(exception);
        }
        catch
        {
            await DisposeAsync(started);
            throw;
        }

        try
        {
            await foreach (var user in MergeAsync(started.Select(task => task.Result).ToArray(), cancellationToken))
            {
                yield return user;
            }
        }
        finally
        {
            await DisposeAsync(started);
        }
    }

    private async IAsyncEnumerable<MasUserRows> MergeAsync(MasSnapshotQuery[] started, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var users = await Start(started[0], MapUser, "users", unique: true, cancellationToken);
        await using var passwords = await Start(started[1], MapPassword, "user_passwords", unique: false, cancellationToken);
        await using var emails = await Start(started[2], MapEmail, "user_emails", unique: false, cancellationToken);
        await using var threepids = await Start(started[3], MapUnsupportedThreepid, "user_unsupported_third_party_ids", unique: false, cancellationToken);
        await using var links = await Start(started[4], MapLink, "upstream_oauth_links", unique: false, cancellationToken);
        await using var sessions = await Start(started[5], MapSession, "compat_sessions", unique: false, cancellationToken);
        await using var accessTokens = await Start(started[6], MapAccessToken, "compat_access_tokens", unique: false, cancellationToken);
        await using var refreshTokens = await Start(started[7], MapRefreshToken, "compat_refresh_tokens", unique: false, cancellationToken);

        // Links no user owns come first (NULLS FIRST), in a group of their own.
        if (links.HasCurrent && links.UserId is null)
        {
            yield return new MasUserRows(null, null, [], [], [], await TakeNullAsync(links), [], [], []);
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? userId = null;
            userId = Lowest(userId, users.HasCurrent, users.UserId);
            userId = Lowest(userId, passwords.HasCurrent, passwords.UserId);
            userId = Lowest(userId, emails.HasCurrent, emails.UserId);
            userId = Lowest(userId, threepids.HasCurrent, threepids.UserId);
            userId = Lowest(userId, links.HasCurrent, links.UserId);
            userId = Lowest(userId, sessions.HasCurrent, sessions.UserId);
            userId = Lowest(userId, accessTokens.HasCurrent, accessTokens.UserId);
            userId = Lowest(userId, refreshTokens.HasCurrent, refreshTokens.UserId);
            if (userId is null)
            {
                yield break;
            }

            var user = await users.TakeAsync(userId);
            yield return new MasUserRows(
                userId,
                user.Count > 0 ? user[0].Row : null,
                Rows(await passwords.TakeAsync(userId)),
                Rows(await emails.TakeAsync(userId)),
                Rows(await threepids.TakeAsync(userId)),
                Rows(await links.TakeAsync(userId)),
                Rows(await sessions.TakeAsync(userId)),
                Rows(await accessTokens.TakeAsync(userId)),
                Rows(await refreshTokens.TakeAsync(userId)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _transaction.RollbackAsync();
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException)
        {
            // A broken connection has ended the transaction already; the first error is the one to report.
        }

        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    internal const string UsersSql = $"""
        SELECT u.username, u.user_id, u.created_at, u.locked_at, u.can_request_admin, u.is_guest, u.deactivated_at
        FROM users u ORDER BY {UserOrder}
        """;

    internal const string PasswordsSql = $"""
        SELECT u.username, p.user_password_id, p.user_id, p.hashed_password, p.created_at, p.version
        FROM user_passwords p JOIN users u ON u.user_id = p.user_id
        ORDER BY {UserOrder}, p.created_at, p.user_password_id
        """;

    internal const string EmailsSql = $"""
        SELECT u.username, e.user_email_id, e.user_id, e.email, e.created_at
        FROM user_emails e JOIN users u ON u.user_id = e.user_id
        ORDER BY {UserOrder}
        """;

    internal const string UnsupportedThreepidsSql = $"""
        SELECT u.username, t.user_id, t.medium, t.address, t.created_at
        FROM user_unsupported_third_party_ids t JOIN users u ON u.user_id = t.user_id
        ORDER BY {UserOrder}
        """;

    internal const string LinksSql = $"""
        SELECT u.username, l.upstream_oauth_link_id, l.upstream_oauth_provider_id, l.user_id, l.subject, l.created_at
        FROM upstream_oauth_links l LEFT JOIN users u ON u.user_id = l.user_id
        ORDER BY {UserOrder} NULLS FIRST
        """;

    internal const string SessionsSql = $"""
        SELECT u.username, s.compat_session_id, s.user_id, s.device_id, s.created_at, s.is_synapse_admin,
               s.last_active_at, s.last_active_ip, s.user_agent, s.human_name
        FROM compat_sessions s JOIN users u ON u.user_id = s.user_id
        ORDER BY {UserOrder}
        """;

    internal const string AccessTokensSql = $"""
        SELECT u.username, t.compat_access_token_id, t.compat_session_id, t.access_token, t.created_at, t.expires_at
        FROM compat_access_tokens t
        JOIN compat_sessions s ON s.compat_session_id = t.compat_session_id
        JOIN users u ON u.user_id = s.user_id
        ORDER BY {UserOrder}
        """;

    internal const string RefreshTokensSql = $"""
        SELECT u.username, r.compat_refresh_token_id, r.compat_session_id, r.compat_access_token_id, r.refresh_token,
               r.created_at, r.consumed_at
        FROM compat_refresh_tokens r
        JOIN compat_sessions s ON s.compat_session_id = r.compat_session_id
        JOIN users u ON u.user_id = s.user_id
        ORDER BY {UserOrder}
        """;

    private Task<T> QueryAsync<T>(string sql, CancellationToken cancellationToken) =>
        QueryAsync(() => _connection.QuerySingleAsync<T>(new CommandDefinition(sql, transaction: _transaction, cancellationToken: cancellationToken)));

    private async Task<T> QueryAsync<T>(Func<Task<T>> query)
    {
        try
        {
            return await query();
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            throw Unavailable(exception);
        }
    }

    private static async Task DisposeAsync(Task<MasSnapshotQuery>[] started)
    {
        foreach (var query in started.Where(task => task.IsCompletedSuccessfully))
        {
            await query.Result.DisposeAsync();
        }
    }

    private Task<OrderedUserStream<MasOwnedRow<T>>> Start<T>(
        MasSnapshotQuery query, Func<DbDataReader, T> map, string table, bool unique, CancellationToken cancellationToken) =>
        OrderedUserStream<MasOwnedRow<T>>.StartAsync(
            Read(query, map, cancellationToken), table, row => row.UserId, unique, cancellationToken, "MAS");

    private async IAsyncEnumerable<MasOwnedRow<T>> Read<T>(MasSnapshotQuery query, Func<DbDataReader, T> map, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var row = query.Row;
        while (true)
        {
            try
            {
                if (!await query.ReadAsync(cancellationToken))
                {
                    yield break;
                }
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                throw Unavailable(exception);
            }

            yield return new MasOwnedRow<T>(row.IsDBNull(0) ? null : "@" + row.GetString(0) + _serverSuffix, map(row));
        }
    }

    private DatabaseUnavailableException Unavailable(Exception exception) =>
        new($"Cannot read MAS's PostgreSQL database {Database}: {PostgresErrors.Describe(exception)}.", exception);

    private static async Task<IReadOnlyList<MasUpstreamOauthLink>> TakeNullAsync(OrderedUserStream<MasOwnedRow<MasUpstreamOauthLink>> links)
    {
        var rows = new List<MasUpstreamOauthLink>();
        while (links.HasCurrent && links.UserId is null)
        {
            rows.Add(links.Current.Row);
            await links.MoveNextAsync();
        }

        return rows;
    }

    private static string? Lowest(string? lowest, bool present, string? candidate) =>
        present && candidate is not null && (lowest is null || CodePointComparer.Instance.Compare(candidate, lowest) < 0) ? candidate : lowest;

    private static T[] Rows<T>(IReadOnlyList<MasOwnedRow<T>> owned)
    {
        if (owned.Count == 0)
        {
            return [];
        }

        var rows = new T[owned.Count];
        for (var index = 0; index < rows.Length; index++)
        {
            rows[index] = owned[index].Row;
        }

        return rows;
    }

    private static MasUser MapUser(DbDataReader row) => new(
        row.GetGuid(1), row.GetString(0), Time(row, 2), NullableTime(row, 3), row.GetBoolean(4), row.GetBoolean(5), NullableTime(row, 6));

    private static MasUserPassword MapPassword(DbDataReader row) => new(row.GetGuid(1), row.GetGuid(2), row.GetString(3), Time(row, 4), row.GetInt32(5));

    private static MasUserEmail MapEmail(DbDataReader row) => new(row.GetGuid(1), row.GetGuid(2), row.GetString(3), Time(row, 4));

    private static MasUnsupportedThreepid MapUnsupportedThreepid(DbDataReader row) => new(row.GetGuid(1), row.GetString(2), row.GetString(3), Time(row, 4));

    private static MasUpstreamOauthLink MapLink(DbDataReader row) => new(
        row.GetGuid(1), row.GetGuid(2), row.IsDBNull(3) ? Guid.Empty : row.GetGuid(3), row.GetString(4), Time(row, 5));

    private static MasCompatSession MapSession(DbDataReader row) => new(
        row.GetGuid(1),
        row.GetGuid(2),
        NullableString(row, 3),
        Time(row, 4),
        row.GetBoolean(5),
        NullableTime(row, 6),
        row.IsDBNull(7) ? null : row.GetFieldValue<IPAddress>(7),
        NullableString(row, 8),
        NullableString(row, 9));

    private static MasCompatAccessToken MapAccessToken(DbDataReader row) => new(row.GetGuid(1), row.GetGuid(2), row.GetString(3), Time(row, 4), NullableTime(row, 5));

    private static MasStoredRefreshToken MapRefreshToken(DbDataReader row) => new(
        new MasCompatRefreshToken(row.GetGuid(1), row.GetGuid(2), row.GetGuid(3), row.GetString(4), Time(row, 5)),
        NullableTime(row, 6));

    private static DateTimeOffset Time(DbDataReader row, int ordinal) => row.GetFieldValue<DateTimeOffset>(ordinal);

    private static DateTimeOffset? NullableTime(DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetFieldValue<DateTimeOffset>(ordinal);

    private static string? NullableString(DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);
}
