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

    private readonly IReadOnlyDictionary<string, IReadOnlySet<string>> _columns;

    public SynapseSchemaInfo(int? version, IReadOnlyDictionary<string, IReadOnlySet<string>> columns)
    {
        Version = version;
        _columns = columns;
    }

    /// <summary>The row of <c>schema_version</c>; null when that table is missing (not a Synapse database).</summary>
    public int? Version { get; }

    public bool HasTable(string table) => _columns.ContainsKey(table);

    public bool HasColumn(string table, string column) => _columns.TryGetValue(table, out var columns) && columns.Contains(column);

    public IEnumerable<string> MissingRequiredTables => RequiredTables.Where(table => !HasTable(table));

    public bool IsSynapse => Version is not null && !MissingRequiredTables.Any();

    public bool IsSupported => IsSynapse && Version >= MinimumSchemaVersion;
}
