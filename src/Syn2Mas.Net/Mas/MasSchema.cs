namespace Syn2Mas.Net.Mas;

/// <summary>
/// The facts of docs/schema.md as code: the migration versions it accepts and the tables and columns it
/// writes. The advisor checks a MAS database against these, and the writer uses the same lists, so the
/// two cannot disagree about what a MAS database must have.
/// </summary>
public static class MasSchema
{
    /// <summary>MAS 0.15 (<c>users.deactivated_at</c>): the oldest schema holding every column written.</summary>
    public const long MinimumMigrationVersion = 20250311093145;

    public const string MinimumMasRelease = "0.15";

    /// <summary>MAS 1.22: a newer schema is accepted when every column below is still there.</summary>
    public const long NewestKnownMigrationVersion = 20260720134722;

    public const string NewestKnownMasRelease = "1.22";

    /// <summary>sqlx's bookkeeping table: one row per applied migration.</summary>
    public const string MigrationsTable = "_sqlx_migrations";

    /// <summary>Read only: every mapped provider must be there (put by <c>mas-cli config sync</c>) and enabled.</summary>
    public const string UpstreamOauthProvidersTable = "upstream_oauth_providers";

    private const string Uuid = "uuid";
    private const string Text = "text";
    private const string Timestamptz = "timestamptz";
    private const string Bool = "bool";
    private const string Int4 = "int4";
    private const string Inet = "inet";

    public static MasTable Users { get; } = new("users",
    [
        Required("user_id", Uuid),
        Required("username", Text),
        Required("created_at", Timestamptz),
        Nullable("locked_at", Timestamptz),
        Required("can_request_admin", Bool),
        Required("is_guest", Bool),
        Nullable("deactivated_at", Timestamptz),
    ]);

    public static MasTable UserPasswords { get; } = new("user_passwords",
    [
        Required("user_password_id", Uuid),
        Required("user_id", Uuid),
        Required("hashed_password", Text),
        Required("created_at", Timestamptz),
        Required("version", Int4),
        Nullable("upgraded_from_id", Uuid),
    ]);

    public static MasTable UserEmails { get; } = new("user_emails",
    [
        Required("user_email_id", Uuid),
        Required("user_id", Uuid),
        Required("email", Text),
        Required("created_at", Timestamptz),
    ]);

    public static MasTable UserUnsupportedThirdPartyIds { get; } = new("user_unsupported_third_party_ids",
    [
        Required("user_id", Uuid),
        Required("medium", Text),
        Required("address", Text),
        Required("created_at", Timestamptz),
    ]);

    public static MasTable UpstreamOauthLinks { get; } = new("upstream_oauth_links",
    [
        Required("upstream_oauth_link_id", Uuid),
        Required("upstream_oauth_provider_id", Uuid),
        Nullable("user_id", Uuid),
        Required("subject", Text),
        Required("created_at", Timestamptz),
        Nullable("human_account_name", Text),
    ]);

    public static MasTable CompatSessions { get; } = new("compat_sessions",
    [
        Required("compat_session_id", Uuid),
        Required("user_id", Uuid),
        Nullable("device_id", Text),
        Required("created_at", Timestamptz),
        Nullable("finished_at", Timestamptz),
        Required("is_synapse_admin", Bool),
        Nullable("last_active_at", Timestamptz),
        Nullable("last_active_ip", Inet),
        Nullable("user_session_id", Uuid),
        Nullable("user_agent", Text),
        Nullable("human_name", Text),
    ]);

    public static MasTable CompatAccessTokens { get; } = new("compat_access_tokens",
    [
        Required("compat_access_token_id", Uuid),
        Required("compat_session_id", Uuid),
        Required("access_token", Text),
        Required("created_at", Timestamptz),
        Nullable("expires_at", Timestamptz),
    ]);

    public static MasTable CompatRefreshTokens { get; } = new("compat_refresh_tokens",
    [
        Required("compat_refresh_token_id", Uuid),
        Required("compat_session_id", Uuid),
        Required("compat_access_token_id", Uuid),
        Required("refresh_token", Text),
        Required("created_at", Timestamptz),
        Nullable("consumed_at", Timestamptz),
    ]);

    /// <summary>
    /// The eight written tables in dependency order: every table comes after the tables its foreign keys
    /// point at, so loading in this order (and truncating in reverse) never violates a constraint.
    /// </summary>
    public static IReadOnlyList<MasTable> WrittenTables { get; } =
    [
        Users,
        UserPasswords,
        UserEmails,
        UserUnsupportedThirdPartyIds,
        UpstreamOauthLinks,
        CompatSessions,
        CompatAccessTokens,
        CompatRefreshTokens,
    ];

    internal static MasTable? WrittenTable(string name) => WrittenTables.FirstOrDefault(table => table.Name == name);

    private static MasColumn Required(string name, string typeName) => new(name, typeName, IsNullable: false);

    private static MasColumn Nullable(string name, string typeName) => new(name, typeName, IsNullable: true);
}
