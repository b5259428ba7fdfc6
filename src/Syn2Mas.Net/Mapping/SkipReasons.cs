namespace Syn2Mas.Net.Mapping;

/// <summary>
/// Why a Synapse row is not migrated (behaviour.md, "How rows are mapped"). The texts are stable: reports
/// and scripts group skipped rows by them. A reason about a user also marks the rows that user owns, since
/// they cannot be written without the user.
/// </summary>
internal static class SkipReasons
{
    /// <summary>The user belongs to an application service (<c>users.appservice_id</c> set); rule 1. Applies to all their rows.</summary>
    public const string AppserviceUser = "appservice-user";

    /// <summary>
    /// The user id is not <c>@localpart:server</c> (NULL, no leading <c>@</c>, no <c>:</c>, empty localpart);
    /// only with <c>--skip-invalid-users</c>. Applies to all the user's rows.
    /// </summary>
    public const string UserIdMalformed = "user-id-malformed";

    /// <summary>
    /// The user id's server part is not <c>server_name</c>; only with <c>--skip-invalid-users</c>. Applies to
    /// all the user's rows.
    /// </summary>
    public const string UserIdWrongServer = "user-id-wrong-server";

    /// <summary>
    /// Text the row would write holds a NUL character, which PostgreSQL cannot store; only with
    /// <c>--skip-invalid-users</c>. In a <c>users</c> row it skips the user and all their rows; in a device
    /// it skips the device's session, so also the tokens that would have been in it; in an access or refresh
    /// token it skips the pair the token belongs to.
    /// </summary>
    public const string NulCharacter = "nul-character";

    /// <summary>
    /// Text the row would write holds bytes that are not UTF-8 (only SQLite stores such text), which MAS cannot
    /// store and which must not be rewritten; only with <c>--skip-invalid-users</c>. Skips as
    /// <see cref="NulCharacter"/> does.
    /// </summary>
    public const string InvalidUtf8 = "invalid-utf8";

    /// <summary>
    /// A number column of the row holds text, a blob or a fraction (only SQLite stores such values); only with
    /// <c>--skip-invalid-users</c>. Skips as <see cref="NulCharacter"/> does.
    /// </summary>
    public const string NotANumber = "not-a-number";

    /// <summary>The row names a user who is not in <c>users</c>; only with <c>--skip-orphans</c> (rule 7).</summary>
    public const string Orphan = "orphan";

    /// <summary>
    /// The user is deactivated: their threepids (MAS removes them on deactivation; rule 2), devices and tokens
    /// (rules 4 to 6) are not migrated.
    /// </summary>
    public const string DeactivatedUser = "deactivated-user";

    /// <summary>The user is a guest: their devices and tokens are not migrated (rules 4 to 6).</summary>
    public const string GuestUser = "guest-user";

    /// <summary>
    /// A <c>user_external_ids</c> row whose <c>auth_provider</c> is mapped to no MAS provider; only with
    /// <c>--ignore-missing-auth-providers</c> (rule 3).
    /// </summary>
    public const string MissingAuthProvider = "missing-auth-provider";

    /// <summary>An access token an admin used to puppet another user (<c>puppets_user_id</c> set; rule 4), with its refresh token if any.</summary>
    public const string PuppetToken = "puppet-token";

    /// <summary>An access or refresh token whose <c>device_id</c> names no device of its user (rules 4 and 5).</summary>
    public const string UnknownDevice = "unknown-device";

    /// <summary>
    /// A refresh token with no access token of the same user and device pointing at it, or an access token
    /// whose <c>refresh_token_id</c> names no refresh token of the same user and device, or a further access
    /// token pointing at a refresh token already paired (rule 5).
    /// </summary>
    public const string UnpairedRefreshToken = "unpaired-refresh-token";

    /// <summary>
    /// A refresh token, with its access token, whose successor's access token was already used: Synapse had
    /// consumed it (rule 5).
    /// </summary>
    public const string SuccessorUsed = "successor-used";

    /// <summary>
    /// A refresh token, with its access token, whose successor refresh token has itself been refreshed (the
    /// successor has a <c>next_token_id</c>): Synapse refuses it (rule 5).
    /// </summary>
    public const string SuccessorRefreshed = "successor-refreshed";

    /// <summary>A refresh token, with its access token, whose <c>expiry_ts</c> has passed: Synapse refuses it (rule 5).</summary>
    public const string RefreshTokenExpired = "refresh-token-expired";

    /// <summary>
    /// A refresh token, with its access token, whose session's <c>ultimate_session_expiry_ts</c> has passed:
    /// Synapse refuses every refresh in that session, and the access token has expired by then too (rule 5).
    /// </summary>
    public const string SessionExpired = "session-expired";

    /// <summary>An access token without a refresh token whose <c>valid_until_ms</c> has passed: Synapse refuses it (rule 4).</summary>
    public const string AccessTokenExpired = "access-token-expired";

    /// <summary>A hidden device (a cross-signing pseudo-device) that no migrated token uses (rule 6).</summary>
    public const string HiddenDevice = "hidden-device";

    /// <summary>The device <c>guest_device</c>, when no migrated token uses it (rule 6).</summary>
    public const string GuestDevice = "guest-device";

    /// <summary>Every reason, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        AppserviceUser,
        UserIdMalformed,
        UserIdWrongServer,
        NulCharacter,
        InvalidUtf8,
        NotANumber,
        Orphan,
        DeactivatedUser,
        GuestUser,
        MissingAuthProvider,
        PuppetToken,
        UnknownDevice,
        UnpairedRefreshToken,
        SuccessorUsed,
        SuccessorRefreshed,
        RefreshTokenExpired,
        SessionExpired,
        AccessTokenExpired,
        HiddenDevice,
        GuestDevice,
    ];
}
