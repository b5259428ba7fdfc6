using Syn2Mas.Net.Mas;
using Syn2Mas.Net.Reporting;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Mapping;

/// <summary>
/// Turns one Synapse user id's rows into MAS rows (docs/behaviour.md, "How rows are mapped", rules 1 to 7). Pure
/// and synchronous: the same rows under the same <see cref="MappingContext"/> give the same rows and ids
/// (random ids of unreferenced rows aside), so ids that link tables never need a map of what was written.
/// </summary>
/// <remarks>
/// Given only some of a user's tables, it maps what it can, as long as: the <c>users</c> row is there (the
/// user's id is dated by <c>creation_ts</c>), and for <c>compat_sessions</c>, <c>compat_access_tokens</c>
/// or <c>compat_refresh_tokens</c> so are <c>devices</c>, <c>access_tokens</c> and <c>refresh_tokens</c>
/// all three (a session is dated by its earliest token, and which tokens migrate depends on devices and
/// refresh pairs). Thread-safe: it holds no per-call state.
/// </remarks>
internal sealed class UserMapper
{
    private readonly MappingContext _context;
    private readonly MasIdGenerator _ids;
    private readonly CompatSessionMapper _sessions;

    public UserMapper(MappingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrEmpty(context.ServerName);
        _context = context;
        _ids = context.Ids;

        // Whole milliseconds, as Synapse stores its times, so that a row dated at the start time has exactly
        // the time its ULID carries. It is also "now" for every expiry (the snapshot's time, see MappingContext).
        var startedAt = DateTimeOffset.FromUnixTimeMilliseconds(context.StartedAt.ToUnixTimeMilliseconds());
        StartedAt = startedAt;
        _sessions = new CompatSessionMapper(context, startedAt);
    }

    /// <summary>The migration's start time as rows carry it: UTC, whole milliseconds.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <exception cref="MappingException">
    /// Rows that no option allows to skip: an invalid user id without <c>--skip-invalid-users</c>, orphans
    /// without <c>--skip-orphans</c>, an unmapped provider without <c>--ignore-missing-auth-providers</c>, a
    /// NUL character without <c>--skip-invalid-users</c>.
    /// </exception>
    public MappedUser Map(SynapseUserRows rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var mapped = new MappedUser(rows.UserId);
        if (rows.User is not { } user)
        {
            SkipOrphans(rows, mapped);
            return mapped;
        }

        // rule: appservice-users (rule 1). Application service users come first: they are never written, so their ids are never
        // checked (the advisor checks ids of the others only) and nothing else about them can fail.
        if (user.AppserviceId is not null)
        {
            if (user.Name?.HasColonInLocalpart(_context.ServerName) == true)
            {
                mapped.Warn(MappingWarningCodes.AppserviceLocalpartWithColon, null,
                    $"application service user {ExampleText.Of(user.Name?.Value)} has a `:` in its localpart; skipped like every application service user");
            }

            SkipAll(rows, mapped, SkipReasons.AppserviceUser);
            return mapped;
        }

        // rule: localpart. The same conditions as the advisor's user-id-malformed and user-id-wrong-server checks.
        if (user.Name is not { IsWellFormed: true } id || !id.IsOn(_context.ServerName))
        {
            // rule: invalid-user-ids
            var invalid = user.Name is { IsWellFormed: true } ? SkipReasons.UserIdWrongServer : SkipReasons.UserIdMalformed;
            if (!_context.SkipInvalidUsers)
            {
                throw new MappingException(invalid == SkipReasons.UserIdWrongServer
                    ? $"users.name {ExampleText.Of(user.Name?.Value)} names a server other than `{_context.ServerName}`; pass --skip-invalid-users to skip such users (the checks before migrating report them as user-id-wrong-server)"
                    : $"users.name {ExampleText.Of(user.Name?.Value)} is not @localpart:server; pass --skip-invalid-users to skip such users (the checks before migrating report them as user-id-malformed)");
            }

            SkipAll(rows, mapped, invalid);
            return mapped;
        }

        var name = id.Value;
        var localpart = id.Localpart;
        // rule: nul-characters, and the bytes and numbers only SQLite holds
        var fault = InvalidValues.InText(SynapseTables.Users, "name", name)
            ?? InvalidValues.InText(SynapseTables.Users, "password_hash", user.PasswordHash)
            ?? InvalidValues.InNumber(SynapseTables.Users, "creation_ts", user.CreationTs);
        if (fault is { } userFault)
        {
            InvalidValues.SkipOrRefuse(_context, mapped, SynapseTables.Users, userFault);
            SkipDependents(rows, mapped, userFault.Reason);
            return mapped;
        }

        // rule: users
        var createdAt = SynapseTime.Created(user.CreationTs, StartedAt, mapped, SynapseTables.Users, "creation_ts");
        var userId = _ids.UserId(name, createdAt);
        mapped.User = new MasUser(
            userId,
            localpart,
            createdAt,
            LockedAt: user.Locked ? createdAt : null,
            CanRequestAdmin: user.Admin,
            IsGuest: user.IsGuest,
            DeactivatedAt: user.Deactivated ? createdAt : null);

        // rule: passwords
        if (!string.IsNullOrEmpty(user.PasswordHash))
        {
            mapped.Password = new MasUserPassword(_ids.NewId(createdAt), userId, user.PasswordHash, createdAt, Version: 1);
        }

        MapThreepids(rows.Threepids, user, userId, mapped);
        MapExternalIds(rows.ExternalIds, userId, createdAt, mapped);
        _sessions.Map(rows, user, name, userId, mapped);
        return mapped;
    }

    /// <summary>rule: threepids (rule 2).</summary>
    private void MapThreepids(IReadOnlyList<SynapseThreepid> threepids, SynapseUser user, Guid userId, MappedUser mapped)
    {
        if (user.Deactivated)
        {
            // MAS removes a user's emails and unsupported threepids when it deactivates them, so it never
            // holds any for a deactivated user.
            mapped.Skip(SynapseTables.UserThreepids, SkipReasons.DeactivatedUser, threepids.Count);
            return;
        }

        foreach (var threepid in threepids)
        {
            var fault = InvalidValues.InText(SynapseTables.UserThreepids, "medium", threepid.Medium)
                ?? InvalidValues.InText(SynapseTables.UserThreepids, "address", threepid.Address)
                ?? InvalidValues.InNumber(SynapseTables.UserThreepids, "added_at", threepid.AddedAt);
            if (fault is { } threepidFault)
            {
                InvalidValues.SkipOrRefuse(_context, mapped, SynapseTables.UserThreepids, threepidFault);
                continue;
            }

            var addedAt = SynapseTime.Created(threepid.AddedAt, StartedAt, mapped, SynapseTables.UserThreepids, "added_at");
            if (threepid.Medium == "email")
            {
                mapped.Add(new MasUserEmail(_ids.NewId(addedAt), userId, threepid.Address, addedAt));
            }
            else
            {
                mapped.Add(new MasUnsupportedThreepid(userId, threepid.Medium, threepid.Address, addedAt));
            }
        }
    }

    /// <summary>rule: external-ids (rule 3): links are dated at the user's creation, as Synapse does not date them.</summary>
    private void MapExternalIds(IReadOnlyList<SynapseExternalId> externalIds, Guid userId, DateTimeOffset createdAt, MappedUser mapped)
    {
        foreach (var externalId in externalIds)
        {
            if (!_context.ProviderMapping.TryGetProvider(externalId.AuthProvider, out var providerId))
            {
                if (!_context.IgnoreMissingAuthProviders)
                {
                    throw new MappingException(
                        $"user_external_ids.auth_provider `{ExampleText.Of(externalId.AuthProvider)}` of {ExampleText.Of(mapped.UserId)} is mapped to no MAS provider; "
                        + "map it with `synapse_idp_id` in MAS or --upstream-provider-mapping, or pass --ignore-missing-auth-providers "
                        + "(the checks before migrating report it as auth-provider-unknown or auth-provider-unmapped)");
                }

                mapped.Skip(SynapseTables.UserExternalIds, SkipReasons.MissingAuthProvider);
                continue;
            }

            if (InvalidValues.InText(SynapseTables.UserExternalIds, "external_id", externalId.ExternalId) is { } fault)
            {
                InvalidValues.SkipOrRefuse(_context, mapped, SynapseTables.UserExternalIds, fault);
                continue;
            }

            mapped.Add(new MasUpstreamOauthLink(_ids.NewId(createdAt), providerId, userId, externalId.ExternalId, createdAt));
        }
    }

    /// <summary>rule: orphans (rule 7): rows whose user is not in <c>users</c>.</summary>
    private void SkipOrphans(SynapseUserRows rows, MappedUser mapped)
    {
        if (!_context.SkipOrphans)
        {
            var table = rows.Threepids.Count > 0 ? SynapseTables.UserThreepids
                : rows.ExternalIds.Count > 0 ? SynapseTables.UserExternalIds
                : rows.Devices.Count > 0 ? SynapseTables.Devices
                : rows.AccessTokens.Count > 0 ? SynapseTables.AccessTokens
                : SynapseTables.RefreshTokens;
            throw new MappingException(
                $"{table} has rows of {ExampleText.Of(rows.UserId)}, who is not in users; delete them in Synapse or pass --skip-orphans to skip them "
                + "(the checks before migrating report them as orphan-rows)");
        }

        SkipDependents(rows, mapped, SkipReasons.Orphan);
    }

    private static void SkipAll(SynapseUserRows rows, MappedUser mapped, string reason)
    {
        mapped.Skip(SynapseTables.Users, reason);
        SkipDependents(rows, mapped, reason);
    }

    private static void SkipDependents(SynapseUserRows rows, MappedUser mapped, string reason)
    {
        mapped.Skip(SynapseTables.UserThreepids, reason, rows.Threepids.Count);
        mapped.Skip(SynapseTables.UserExternalIds, reason, rows.ExternalIds.Count);
        mapped.Skip(SynapseTables.Devices, reason, rows.Devices.Count);
        mapped.Skip(SynapseTables.AccessTokens, reason, rows.AccessTokens.Count);
        mapped.Skip(SynapseTables.RefreshTokens, reason, rows.RefreshTokens.Count);
    }
}
