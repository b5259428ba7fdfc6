namespace Syn2Mas.Net.Synapse;

/// <summary>
/// What a Synapse database holds, read from its catalog: the schema version and the columns of the tables
/// the migration reads. Optional columns are detected here, never inferred from the version
/// (docs/schema.md: a column can arrive in a later release than its schema folder suggests).
/// </summary>
internal sealed class SynapseSchemaInfo
{
    /// <summary>The oldest schema with every table the migration reads (Synapse 1.38).</summary>
    public const int MinimumSchemaVersion = 59;

    /// <summary>Tables the migration reads; a database without one of them is not one we can migrate.</summary>
    public static readonly IReadOnlyList<string> RequiredTables =
        [SynapseTables.Users, SynapseTables.UserThreepids, SynapseTables.UserExternalIds, SynapseTables.Devices, SynapseTables.AccessTokens, SynapseTables.RefreshTokens];

    /// <summary>Bookkeeping tables read for reporting only; their absence is not an error.</summary>
    public static readonly IReadOnlyList<string> OptionalTables = [SynapseTables.ErasedUsers, SynapseTables.UsersPendingDeactivation];

    /// <summary>Columns the migration reads that old schemas lack, as <c>table.column</c>.</summary>
    public static readonly IReadOnlyList<string> OptionalColumns = [$"{SynapseTables.Users}.locked", $"{SynapseTables.Users}.approved", $"{SynapseTables.Users}.suspended"];

    /// <summary>
    /// Every column the migration and its checks read, and as what. Checked before anything is read, so
    /// that a missing or retyped column is a finding naming it rather than a failed query.
    /// </summary>
    public static readonly IReadOnlyList<SynapseColumn> ReadColumns =
    [
        new(SynapseTables.Users, "name", SynapseColumnKind.Text),
        new(SynapseTables.Users, "password_hash", SynapseColumnKind.Text),
        new(SynapseTables.Users, "creation_ts", SynapseColumnKind.Number),
        new(SynapseTables.Users, "admin", SynapseColumnKind.Number),
        new(SynapseTables.Users, "is_guest", SynapseColumnKind.Number),
        new(SynapseTables.Users, "deactivated", SynapseColumnKind.Number),
        new(SynapseTables.Users, "appservice_id", SynapseColumnKind.Text),
        new(SynapseTables.Users, "locked", SynapseColumnKind.Boolean, Optional: true),
        new(SynapseTables.UserThreepids, "user_id", SynapseColumnKind.Text),
        new(SynapseTables.UserThreepids, "medium", SynapseColumnKind.Text),
        new(SynapseTables.UserThreepids, "address", SynapseColumnKind.Text),
        new(SynapseTables.UserThreepids, "added_at", SynapseColumnKind.Number),
        new(SynapseTables.UserExternalIds, "user_id", SynapseColumnKind.Text),
        new(SynapseTables.UserExternalIds, "auth_provider", SynapseColumnKind.Text),
        new(SynapseTables.UserExternalIds, "external_id", SynapseColumnKind.Text),
        new(SynapseTables.Devices, "user_id", SynapseColumnKind.Text),
        new(SynapseTables.Devices, "device_id", SynapseColumnKind.Text),
        new(SynapseTables.Devices, "display_name", SynapseColumnKind.Text),
        new(SynapseTables.Devices, "last_seen", SynapseColumnKind.Number),
        new(SynapseTables.Devices, "ip", SynapseColumnKind.Text),
        new(SynapseTables.Devices, "user_agent", SynapseColumnKind.Text),
        new(SynapseTables.Devices, "hidden", SynapseColumnKind.Boolean),
        new(SynapseTables.AccessTokens, "id", SynapseColumnKind.Number),
        new(SynapseTables.AccessTokens, "user_id", SynapseColumnKind.Text),
        new(SynapseTables.AccessTokens, "device_id", SynapseColumnKind.Text),
        new(SynapseTables.AccessTokens, "token", SynapseColumnKind.Text),
        new(SynapseTables.AccessTokens, "valid_until_ms", SynapseColumnKind.Number),
        new(SynapseTables.AccessTokens, "puppets_user_id", SynapseColumnKind.Text),
        new(SynapseTables.AccessTokens, "last_validated", SynapseColumnKind.Number),
        new(SynapseTables.AccessTokens, "refresh_token_id", SynapseColumnKind.Number),
        new(SynapseTables.AccessTokens, "used", SynapseColumnKind.Boolean),
        new(SynapseTables.RefreshTokens, "id", SynapseColumnKind.Number),
        new(SynapseTables.RefreshTokens, "user_id", SynapseColumnKind.Text),
        new(SynapseTables.RefreshTokens, "device_id", SynapseColumnKind.Text),
        new(SynapseTables.RefreshTokens, "token", SynapseColumnKind.Text),
        new(SynapseTables.RefreshTokens, "next_token_id", SynapseColumnKind.Number),
        new(SynapseTables.RefreshTokens, "expiry_ts", SynapseColumnKind.Number, Optional: true),
        new(SynapseTables.RefreshTokens, "ultimate_session_expiry_ts", SynapseColumnKind.Number, Optional: true),
        new(SynapseTables.ErasedUsers, "user_id", SynapseColumnKind.Text),
        new(SynapseTables.UsersPendingDeactivation, "user_id", SynapseColumnKind.Text),
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
