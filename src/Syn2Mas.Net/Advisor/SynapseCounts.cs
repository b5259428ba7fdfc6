using Syn2Mas.Net.Synapse.Checks;

namespace Syn2Mas.Net.Advisor;

/// <summary>
/// Exact row counts of Synapse's tables, as read before anything is migrated; the report serialises them
/// as they are. The user kinds overlap (an admin can be deactivated), except <see cref="NormalUsers"/>.
/// </summary>
public sealed record SynapseCounts
{
    /// <summary>Every row of <c>users</c>.</summary>
    public required long Users { get; init; }

    /// <summary>Users that are neither admins, guests, deactivated nor application service users.</summary>
    public required long NormalUsers { get; init; }

    public required long AdminUsers { get; init; }

    public required long GuestUsers { get; init; }

    public required long DeactivatedUsers { get; init; }

    /// <summary>Locked users; 0 when the schema predates <c>users.locked</c>.</summary>
    public required long LockedUsers { get; init; }

    /// <summary>Users owned by an application service (<c>appservice_id</c> set), which are not migrated.</summary>
    public required long AppserviceUsers { get; init; }

    /// <summary>Users whose <c>password_hash</c> is neither NULL nor empty.</summary>
    public required long UsersWithPassword { get; init; }

    /// <summary><c>user_threepids</c> rows with medium <c>email</c>.</summary>
    public required long Emails { get; init; }

    /// <summary><c>user_threepids</c> rows with another medium (phone numbers).</summary>
    public required long OtherThreepids { get; init; }

    /// <summary><c>user_external_ids</c> rows per <c>auth_provider</c>, in code point order of the provider.</summary>
    public required IReadOnlyDictionary<string, long> ExternalIdsByAuthProvider { get; init; }

    public required long Devices { get; init; }

    public required long AccessTokens { get; init; }

    /// <summary>Access tokens with a <c>device_id</c>.</summary>
    public required long AccessTokensWithDevice { get; init; }

    /// <summary>Access tokens without a <c>device_id</c> (admin API, puppeting).</summary>
    public required long DevicelessAccessTokens { get; init; }

    /// <summary>Access tokens an admin uses to act as another user (<c>puppets_user_id</c> set).</summary>
    public required long PuppetAccessTokens { get; init; }

    /// <summary>Access tokens paired with a refresh token (<c>refresh_token_id</c> set).</summary>
    public required long RefreshableAccessTokens { get; init; }

    public required long RefreshTokens { get; init; }

    /// <summary>The counts <see cref="CountQueries"/> read, with the links per provider.</summary>
    internal static SynapseCounts Of(IReadOnlyDictionary<string, long> counts, IReadOnlyList<AuthProviderUsage> authProviders) => new()
    {
        Users = counts["users"],
        NormalUsers = counts["normal_users"],
        AdminUsers = counts["admin_users"],
        GuestUsers = counts["guest_users"],
        DeactivatedUsers = counts["deactivated_users"],
        LockedUsers = counts["locked_users"],
        AppserviceUsers = counts["appservice_users"],
        UsersWithPassword = counts["users_with_password"],
        Emails = counts["emails"],
        OtherThreepids = counts["other_threepids"],
        ExternalIdsByAuthProvider = new SortedDictionary<string, long>(
            authProviders.ToDictionary(usage => usage.AuthProvider, usage => usage.Links, StringComparer.Ordinal), StringComparer.Ordinal),
        Devices = counts["devices"],
        AccessTokens = counts["access_tokens"],
        AccessTokensWithDevice = counts["with_device"],
        DevicelessAccessTokens = counts["deviceless"],
        PuppetAccessTokens = counts["puppets"],
        RefreshableAccessTokens = counts["refreshable"],
        RefreshTokens = counts["refresh_tokens"],
    };
}
