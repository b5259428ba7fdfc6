namespace Syn2Mas.Net.Synapse.Checks;

/// <summary>
/// Values only SQLite can hold: text that is not UTF-8, and text, blobs or fractions in number and boolean
/// columns. PostgreSQL refuses both on the way in, so nothing is looked for there.
/// </summary>
internal static class ValueQueries
{
    /// <summary>The number columns the migration reads, with the column naming the owner.</summary>
    public static readonly IReadOnlyList<(string Table, string Column, string Owner)> NumberColumns =
    [
        ("users", "creation_ts", "name"),
        ("user_threepids", "added_at", "user_id"),
        ("devices", "last_seen", "user_id"),
        ("access_tokens", "id", "user_id"),
        ("access_tokens", "valid_until_ms", "user_id"),
        ("access_tokens", "last_validated", "user_id"),
        ("access_tokens", "refresh_token_id", "user_id"),
        ("refresh_tokens", "id", "user_id"),
        ("refresh_tokens", "next_token_id", "user_id"),
        ("refresh_tokens", "expiry_ts", "user_id"),
        ("refresh_tokens", "ultimate_session_expiry_ts", "user_id"),
    ];

    /// <summary>
    /// The boolean columns the migration reads, with the column naming the owner. Synapse stores 0 and 1
    /// there; the reader turns anything else into true, which for text would be a guess.
    /// </summary>
    public static readonly IReadOnlyList<(string Table, string Column, string Owner)> BooleanColumns =
    [
        ("users", "admin", "name"),
        ("users", "is_guest", "name"),
        ("users", "deactivated", "name"),
        ("users", "locked", "name"),
        ("devices", "hidden", "user_id"),
        ("access_tokens", "used", "user_id"),
    ];

    /// <summary>The kind of the rows of <c>table.column</c> whose bytes are not UTF-8.</summary>
    public static string NotUtf8Kind(string qualifiedColumn) => "utf8:" + qualifiedColumn;

    /// <summary>The kind of the rows of a number or boolean <c>table.column</c> that hold something else than an integer.</summary>
    public static string NotIntegerKind(string qualifiedColumn) => "integer:" + qualifiedColumn;

    /// <summary>
    /// For <see cref="RowScan"/>: per written text column, the rows that are not UTF-8, and per number or
    /// boolean column present, the rows holding something else than an integer.
    /// </summary>
    public static IEnumerable<RowCheck> Checks(SynapseSource source)
    {
        if (source.Dialect == SynapseDialect.Postgres)
        {
            return [];
        }

        var text = WrittenTextColumns.All.Select(entry =>
            new RowCheck(entry.Table, NotUtf8Kind($"{entry.Table}.{entry.Column}"), source.NotUtf8(entry.Column), entry.Owner));
        var numbers = NumberColumns.Concat(BooleanColumns)
            .Where(entry => source.Schema.HasColumn(entry.Table, entry.Column))
            .Select(entry => new RowCheck(entry.Table, NotIntegerKind($"{entry.Table}.{entry.Column}"), source.NotAnInteger(entry.Column), entry.Owner));
        return text.Concat(numbers);
    }
}
