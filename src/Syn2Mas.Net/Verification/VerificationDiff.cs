using System.Runtime.CompilerServices;
using Syn2Mas.Net.Databases;
using Syn2Mas.Net.Mapping;
using Syn2Mas.Net.Mas;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Verification;

/// <summary>
/// Compares what the mapper makes of Synapse with what MAS holds, user by user, both streams in user id
/// order (<see cref="CodePointComparer"/>), and yields every difference as a <see cref="RowChange"/>. Rows
/// are matched by natural keys, never by generated ids (ids are drawn anew each run): users by username,
/// passwords by user, emails by address, unsupported third-party ids by medium and address, upstream links by
/// provider and subject, sessions by device id or, deviceless, by their token, tokens by value.
/// </summary>
/// <remarks>
/// Times the rules take from Synapse are compared exactly, as are the dates in the ids (ULIDs carry their
/// row's creation time). A time the rules set to the run's start (a user without <c>creation_ts</c>, a token
/// never validated) differs between the migration's run and this one, so only whether it is set is
/// compared. Memory holds one user's rows of each side and at most <see cref="CrossUserPairing.Capacity"/>
/// differing links.
/// </remarks>
internal sealed class VerificationDiff
{
    /// <summary>Above this many rows a side, a user's rows are matched through a dictionary rather than by scanning.</summary>
    private const int ScanLimit = 16;

    private readonly DateTimeOffset _startedAt;
    private readonly Dictionary<string, long> _matched = new(StringComparer.Ordinal);
    private readonly CrossUserPairing _links = new();
    private readonly List<string> _columns = [];

    /// <param name="startedAt">The mapper's <see cref="UserMapper.StartedAt"/>: times equal to it were not fixed by Synapse.</param>
    public VerificationDiff(DateTimeOffset startedAt)
    {
        _startedAt = startedAt;
        foreach (var table in MasSchema.WrittenTables)
        {
            _matched[table.Name] = 0;
        }
    }

    /// <summary>Rows found alike on both sides, per MAS table; complete once <see cref="CompareAsync"/> has been read to its end.</summary>
    public IReadOnlyDictionary<string, long> Matched => _matched;

    public async IAsyncEnumerable<RowChange> CompareAsync(
        IAsyncEnumerable<MappedUser> expected,
        IAsyncEnumerable<MasUserRows> actual,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        await using var left = expected.GetAsyncEnumerator(cancellationToken);
        await using var right = actual.GetAsyncEnumerator(cancellationToken);
        var hasLeft = await left.MoveNextAsync();
        var hasRight = await right.MoveNextAsync();
        var changes = new List<RowChange>();
        while (hasLeft || hasRight)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var order = !hasLeft ? 1 : !hasRight ? -1 : CodePointComparer.Instance.Compare(left.Current.UserId, right.Current.UserId);
            var mapped = order <= 0 ? left.Current : null;
            var held = order >= 0 ? right.Current : null;
            Compare(mapped?.UserId ?? held?.UserId, mapped, held, changes);
            foreach (var change in changes)
            {
                yield return change;
            }

            changes.Clear();
            if (order <= 0)
            {
                hasLeft = await left.MoveNextAsync();
            }

            if (order >= 0)
            {
                hasRight = await right.MoveNextAsync();
            }
        }

        foreach (var change in _links.Drain())
        {
            yield return change;
        }
    }

    private void Compare(string? userId, MappedUser? mapped, MasUserRows? held, List<RowChange> changes)
    {
        Match(MasSchema.Users.Name, userId, One(mapped?.User), One(held?.User), _ => "", _ => "", user => user.CreatedAt, CompareUsers, changes);
        Match(MasSchema.UserPasswords.Name, userId, One(mapped?.Password), held?.Passwords ?? [], _ => "", _ => "", password => password.CreatedAt,
            ComparePasswords, changes);
        Match(MasSchema.UserEmails.Name, userId, mapped?.Emails ?? [], held?.Emails ?? [], email => email.Email, email => email.Email, email => email.CreatedAt,
            CompareEmails, changes);
        Match(MasSchema.UserUnsupportedThirdPartyIds.Name, userId, mapped?.UnsupportedThreepids ?? [], held?.UnsupportedThreepids ?? [],
            ThreepidKey, ThreepidKey, threepid => threepid.CreatedAt, CompareThreepids, changes);
        Match(MasSchema.UpstreamOauthLinks.Name, userId, mapped?.UpstreamOauthLinks ?? [], held?.UpstreamOauthLinks ?? [], LinkKey, LinkKey,
            link => link.CreatedAt, CompareLinks, changes, _links);

        var expectedSessions = mapped is null ? SessionKeys.Empty : new SessionKeys(mapped.CompatSessions, mapped.CompatAccessTokens);
        var actualSessions = held is null ? SessionKeys.Empty : new SessionKeys(held.CompatSessions, held.CompatAccessTokens);
        Match(MasSchema.CompatSessions.Name, userId, mapped?.CompatSessions ?? [], held?.CompatSessions ?? [],
            session => expectedSessions.Of(session.CompatSessionId), session => actualSessions.Of(session.CompatSessionId), session => session.CreatedAt,
            CompareSessions, changes, secret: SessionKeys.IsSecret);
        Match(MasSchema.CompatAccessTokens.Name, userId, mapped?.CompatAccessTokens ?? [], held?.CompatAccessTokens ?? [],
            token => token.AccessToken, token => token.AccessToken, token => token.CreatedAt,
            (expected, actual, columns) => CompareAccessTokens(expected, actual, expectedSessions, actualSessions, columns), changes, secret: _ => true);
        Match(MasSchema.CompatRefreshTokens.Name, userId, mapped?.CompatRefreshTokens ?? [], held?.CompatRefreshTokens ?? [],
            token => token.RefreshToken, token => token.Token.RefreshToken, token => token.CreatedAt,
            (expected, actual, columns) => CompareRefreshTokens(expected, actual, expectedSessions, actualSessions, columns), changes, secret: _ => true);
    }

    /// <summary>
    /// Pairs one user's rows of one table by key and reports the differences. With <paramref name="pairing"/>,
    /// unpaired rows wait for their other half under another user instead of being reported at once.
    /// </summary>
    private void Match<TExpected, TActual>(
        string table,
        string? userId,
        IReadOnlyList<TExpected> expected,
        IReadOnlyList<TActual> actual,
        Func<TExpected, string> expectedKey,
        Func<TActual, string> actualKey,
        Func<TExpected, DateTimeOffset> createdAt,
        Action<TExpected, TActual, List<string>> compare,
        List<RowChange> changes,
        CrossUserPairing? pairing = null,
        Func<string, bool>? secret = null)
        where TExpected : class
        where TActual : class
    {
        if (expected.Count == 0 && actual.Count == 0)
        {
            return;
        }

        var taken = actual.Count == 0 ? [] : new bool[actual.Count];
        Dictionary<string, List<int>>? index = null;
        if (actual.Count > ScanLimit)
        {
            index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var position = 0; position < actual.Count; position++)
            {
                var key = actualKey(actual[position]);
                if (!index.TryGetValue(key, out var positions))
                {
                    index[key] = positions = [];
                }

                positions.Add(position);
            }
        }

        // Most rows match: they cost a lookup and a comparison into this one list, no allocation.
        var columns = _columns;
        foreach (var row in expected)
        {
            var key = expectedKey(row);
            var found = Find(key, actual, actualKey, taken, index);
            if (found < 0)
            {
                Report(Change(ChangeKind.Insert, key, row, null, []), pairing, changes, createdAt);
                continue;
            }

            taken[found] = true;
            columns.Clear();
            compare(row, actual[found], columns);
            if (columns.Count == 0)
            {
                _matched[table]++;
            }
            else
            {
                changes.Add(Change(ChangeKind.Update, key, row, actual[found], [.. columns]));
            }
        }

        for (var position = 0; position < actual.Count; position++)
        {
            if (!taken[position])
            {
                Report(Change(ChangeKind.Delete, actualKey(actual[position]), null, actual[position], []), pairing, changes, createdAt);
            }
        }

        RowChange Change(ChangeKind kind, string key, TExpected? row, TActual? held, IReadOnlyList<string> differing) =>
            new(table, kind, userId, key, secret?.Invoke(key) ?? false, differing, row, held) { ExpectedCreatedAt = row is null ? null : createdAt(row) };

        void Report(RowChange change, CrossUserPairing? pairing, List<RowChange> changes, Func<TExpected, DateTimeOffset> createdAt)
        {
            if (pairing is null)
            {
                changes.Add(change);
                return;
            }

            var other = pairing.Pair(change, out var evicted);
            if (evicted is not null)
            {
                changes.Add(evicted);
            }

            if (other is null)
            {
                return;
            }

            var (missing, unexpected) = change.Kind == ChangeKind.Insert ? (change, other) : (other, change);
            var columns = new List<string>();
            compare((TExpected)missing.Expected!, (TActual)unexpected.Actual!, columns);
            columns.Insert(0, "user_id");
            changes.Add(missing with { Kind = ChangeKind.Update, Columns = columns, Actual = unexpected.Actual });
        }
    }

    private static int Find<TActual>(string key, IReadOnlyList<TActual> actual, Func<TActual, string> actualKey, bool[] taken, Dictionary<string, List<int>>? index)
    {
        if (index is null)
        {
            for (var position = 0; position < actual.Count; position++)
            {
                if (!taken[position] && string.Equals(actualKey(actual[position]), key, StringComparison.Ordinal))
                {
                    return position;
                }
            }

            return -1;
        }

        if (index.TryGetValue(key, out var positions))
        {
            foreach (var position in positions)
            {
                if (!taken[position])
                {
                    return position;
                }
            }
        }

        return -1;
    }

    private void CompareUsers(MasUser expected, MasUser actual, List<string> columns)
    {
        var dated = IsDated(expected.CreatedAt);
        CompareTime("created_at", expected.CreatedAt, actual.CreatedAt, dated, columns);
        CompareTime("locked_at", expected.LockedAt, actual.LockedAt, dated, columns);
        CompareTime("deactivated_at", expected.DeactivatedAt, actual.DeactivatedAt, dated, columns);
        Compare("can_request_admin", expected.CanRequestAdmin, actual.CanRequestAdmin, columns);
        Compare("is_guest", expected.IsGuest, actual.IsGuest, columns);
        CompareIdDate("user_id", expected.UserId, actual.UserId, dated, columns);
    }

    private void ComparePasswords(MasUserPassword expected, MasUserPassword actual, List<string> columns)
    {
        Compare("hashed_password", expected.HashedPassword, actual.HashedPassword, columns);
        Compare("version", expected.Version, actual.Version, columns);
        CompareIdDate("user_password_id", expected.UserPasswordId, actual.UserPasswordId, IsDated(expected.CreatedAt), columns);
    }

    private void CompareEmails(MasUserEmail expected, MasUserEmail actual, List<string> columns)
    {
        var dated = IsDated(expected.CreatedAt);
        CompareTime("created_at", expected.CreatedAt, actual.CreatedAt, dated, columns);
        CompareIdDate("user_email_id", expected.UserEmailId, actual.UserEmailId, dated, columns);
    }

    private void CompareThreepids(MasUnsupportedThreepid expected, MasUnsupportedThreepid actual, List<string> columns) =>
        CompareTime("created_at", expected.CreatedAt, actual.CreatedAt, IsDated(expected.CreatedAt), columns);

    private void CompareLinks(MasUpstreamOauthLink expected, MasUpstreamOauthLink actual, List<string> columns) =>
        CompareIdDate("upstream_oauth_link_id", expected.UpstreamOauthLinkId, actual.UpstreamOauthLinkId, IsDated(expected.CreatedAt), columns);

    private void CompareSessions(MasCompatSession expected, MasCompatSession actual, List<string> columns)
    {
        Compare("human_name", expected.HumanName, actual.HumanName, columns);
        CompareTime("last_active_at", expected.LastActiveAt, actual.LastActiveAt, dated: true, columns);
        Compare("last_active_ip", expected.LastActiveIp, actual.LastActiveIp, columns);
        Compare("user_agent", expected.UserAgent, actual.UserAgent, columns);
        Compare("is_synapse_admin", expected.IsSynapseAdmin, actual.IsSynapseAdmin, columns);
        CompareIdDate("compat_session_id", expected.CompatSessionId, actual.CompatSessionId, IsDated(expected.CreatedAt), columns);
    }

    private void CompareAccessTokens(
        MasCompatAccessToken expected, MasCompatAccessToken actual, SessionKeys expectedSessions, SessionKeys actualSessions, List<string> columns)
    {
        Compare("compat_session_id", expectedSessions.Of(expected.CompatSessionId), actualSessions.Of(actual.CompatSessionId), columns);
        CompareTime("expires_at", expected.ExpiresAt, actual.ExpiresAt, dated: true, columns);
        CompareIdDate("compat_access_token_id", expected.CompatAccessTokenId, actual.CompatAccessTokenId, IsDated(expected.CreatedAt), columns);
    }

    private void CompareRefreshTokens(
        MasCompatRefreshToken expected, MasStoredRefreshToken actual, SessionKeys expectedSessions, SessionKeys actualSessions, List<string> columns)
    {
        Compare("compat_session_id", expectedSessions.Of(expected.CompatSessionId), actualSessions.Of(actual.Token.CompatSessionId), columns);
        Compare("compat_access_token_id", expectedSessions.TokenOf(expected.CompatAccessTokenId), actualSessions.TokenOf(actual.Token.CompatAccessTokenId), columns);
        CompareTime("consumed_at", null, actual.ConsumedAt, dated: true, columns);
        CompareIdDate("compat_refresh_token_id", expected.CompatRefreshTokenId, actual.Token.CompatRefreshTokenId, IsDated(expected.CreatedAt), columns);
    }

    /// <summary>Whether the rules took the time from Synapse, rather than from the run's start.</summary>
    private bool IsDated(DateTimeOffset createdAt) => createdAt != _startedAt;

    private static void Compare<T>(string column, T expected, T actual, List<string> columns)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            columns.Add(column);
        }
    }

    private static void CompareTime(string column, DateTimeOffset? expected, DateTimeOffset? actual, bool dated, List<string> columns)
    {
        if (dated ? expected != actual : expected.HasValue != actual.HasValue)
        {
            columns.Add(column);
        }
    }

    private static void CompareIdDate(string column, Guid expected, Guid actual, bool dated, List<string> columns)
    {
        if (dated && UlidTime(expected) != UlidTime(actual))
        {
            columns.Add(column);
        }
    }

    /// <summary>The 48-bit millisecond timestamp at the front of a ULID stored as a UUID.</summary>
    private static long UlidTime(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        long time = 0;
        for (var index = 0; index < 6; index++)
        {
            time = (time << 8) | bytes[index];
        }

        return time;
    }

    private static IReadOnlyList<T> One<T>(T? row)
        where T : class => row is null ? [] : [row];

    private static string ThreepidKey(MasUnsupportedThreepid threepid) => threepid.Medium + "\n" + threepid.Address;

    private static string LinkKey(MasUpstreamOauthLink link) => link.UpstreamOauthProviderId.ToString("D") + "\n" + link.Subject;
}
