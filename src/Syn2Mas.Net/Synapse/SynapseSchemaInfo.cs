namespace Syn2Mas.Net.Synapse;

/// <summary>
/// What a Synapse database holds, read from its catalog: the schema version and the columns of the tables
/// the migration reads. Optional columns are detected here, never inferred from the version
/// (docs/schema.md: a column can arrive in a later release than its schema folder suggests).
/// </summary>
public sealed class SynapseSchemaInfo
{
    /// <summary>The oldest schema with every table the migration reads (Synapse 1.38).</summary>
    public const int MinimumSchemaVersion = 59;

    /// <summary>Tables the migration reads; a database without one of them is not one we can migrate.</summary>
    public static readonly IReadOnlyList<string> RequiredTables =
        ["users", "user_threepids", "user_external_ids", "devices", "access_tokens", "refresh_tokens"];

    /// <summary>Bookkeeping tables read for reporting only; their absence is not an error.</summary>
    public static readonly IReadOnlyList<string> OptionalTables = ["erased_users", "users_pending_deactivation"];

    /// <summary>Columns the migration reads that old schemas lack, as <c>table.column</c>.</summary>
    public static readonly IReadOnlyList<string> OptionalColumns = ["users.locked", "users.approved", "users.suspended"];

    /// <summary>
    /// Every column the migration and its checks read, and as what. Checked before anything is read, so
    /// that a missing or retyped column is a finding naming it rather than a failed query.
    /// </summary>
    public static readonly IReadOnlyList<SynapseColumn> ReadColumns =
    [
        new("users", "name", SynapseColumnKind.Text),
        new("users", "password_hash", SynapseColumnKind.Text),
        new("users", "creation_ts", SynapseColumnKind.Number),
        new("users", "admin", SynapseColumnKind.Number),
        new("users", "is_guest", SynapseColumnKind.Number),
        new("users", "deactivated", SynapseColumnKind.Number),
        new("users", "appservice_id", SynapseColumnKind.Text),
        new("users", "locked", SynapseColumnKind.Boolean, Optional: true),
        new("user_threepids", "user_id", SynapseColumnKind.Text),
        new("user_threepids", "medium", SynapseColumnKind.Text),
        new("user_threepids", "address", SynapseColumnKind.Text),
        new("user_threepids", "added_at", SynapseColumnKind.Number),
        new("user_external_ids", "user_id", SynapseColumnKind.Text),
        new("user_external_ids", "auth_provider", SynapseColumnKind.Text),
        new("user_external_ids", "external_id", SynapseColumnKind.Text),
        new("devices", "user_id", SynapseColumnKind.Text),
        new("devices", "device_id", SynapseColumnKind.Text),
        new("devices", "display_name", SynapseColumnKind.Text),
        new("devices", "last_seen", SynapseColumnKind.Number),
        new("devices", "ip", SynapseColumnKind.Text),
        new("devices", "user_agent", SynapseColumnKind.Text),
        new("devices", "hidden", SynapseColumnKind.Boolean),
        new("access_tokens", "id", SynapseColumnKind.Number),
        new("access_tokens", "user_id", SynapseColumnKind.Text),
        new("access_tokens", "device_id", SynapseColumnKind.Text),
        new("access_tokens", "token", SynapseColumnKind.Text),
        new("access_tokens", "valid_until_ms", SynapseColumnKind.Number),
        new("access_tokens", "puppets_user_id", SynapseColumnKind.Text),
        new("access_tokens", "last_validated", SynapseColumnKind.Number),
        new("access_tokens", "refresh_token_id", SynapseColumnKind.Number),
        new("access_tokens", "used", SynapseColumnKind.Boolean),
        new("refresh_tokens", "id", SynapseColumnKind.Number),
        new("refresh_tokens", "user_id", SynapseColumnKind.Text),
        new("refresh_tokens", "device_id", SynapseColumnKind.Text),
        new("refresh_tokens", "token", SynapseColumnKind.Text),
        new("refresh_tokens", "next_token_id", SynapseColumnKind.Number),
        new("refresh_tokens", "expiry_ts", SynapseColumnKind.Number, Optional: true),
        new("refresh_tokens", "ultimate_session_expiry_ts", SynapseColumnKind.Number, Optional: true),
        new("erased_users", "user_id", SynapseColumnKind.Text),
        new("users_pending_deactivation", "user_id", SynapseColumnKind.Text),
    ];

    private static readonly string[] PostgresText = ["text", "varchar", "bpchar"];
    private static readonly string[] PostgresInteger = ["int2", "int4", "int8"];

    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _columns;

    /// <param name="columns">Per table, each column's type: PostgreSQL's type name (<c>pg_type.typname</c>) or SQLite's declared type.</param>
    public SynapseSchemaInfo(int? version, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> columns)
    {
        Version = version;
        _columns = columns;
    }

    /// <summary>The row of <c>schema_version</c>; null when that table is missing (not a Synapse database).</summary>
    public int? Version { get; }

    public bool HasTable(string table) => _columns.ContainsKey(table);

    public bool HasColumn(string table, string column) => _columns.TryGetValue(table, out var columns) && columns.ContainsKey(column);

    /// <summary>
    /// The columns of <see cref="ReadColumns"/> that cannot be read as the migration reads them: missing
    /// (unless optional) from a table that is present, or of another type.
    /// </summary>
    public IEnumerable<(SynapseColumn Column, string? Type)> UnreadableColumns(SynapseDialect dialect)
    {
        foreach (var column in ReadColumns)
        {
            if (!_columns.TryGetValue(column.Table, out var columns))
            {
                continue;
            }

            if (!columns.TryGetValue(column.Column, out var type))
            {
                if (!column.Optional)
                {
                    yield return (column, null);
                }
            }
            else if (!Reads(dialect, column.Kind, type))
            {
                yield return (column, type);
            }
        }
    }

    private static bool Reads(SynapseDialect dialect, SynapseColumnKind kind, string type)
    {
        if (dialect == SynapseDialect.Postgres)
        {
            return kind switch
            {
                SynapseColumnKind.Text => PostgresText.Contains(type),
                SynapseColumnKind.Number => PostgresInteger.Contains(type),
                _ => type == "bool",
            };
        }

        // SQLite stores any value in any column; what the declared type changes is the affinity, which
        // decides whether "12" is stored as the number 12 or as text. Untyped (blob affinity) keeps values
        // as written, which is how Synapse writes them.
        var affinity = SqliteAffinity(type);
        return affinity == "blob" || (kind == SynapseColumnKind.Text ? affinity == "text" : affinity is "integer" or "numeric");
    }

    /// <summary>SQLite's rules for a declared type's affinity, in its order.</summary>
    private static string SqliteAffinity(string declared)
    {
        var type = declared.ToUpperInvariant();
        return type.Contains("INT", StringComparison.Ordinal) ? "integer"
            : type.Contains("CHAR", StringComparison.Ordinal) || type.Contains("CLOB", StringComparison.Ordinal) || type.Contains("TEXT", StringComparison.Ordinal) ? "text"
            : type.Length == 0 || type.Contains("BLOB", StringComparison.Ordinal) ? "blob"
            : type.Contains("REAL", StringComparison.Ordinal) || type.Contains("FLOA", StringComparison.Ordinal) || type.Contains("DOUB", StringComparison.Ordinal) ? "real"
            : "numeric";
    }

    public IEnumerable<string> MissingRequiredTables => RequiredTables.Where(table => !HasTable(table));

    public bool IsSynapse => Version is not null && !MissingRequiredTables.Any();

    public bool IsSupported => IsSynapse && Version >= MinimumSchemaVersion;
}
