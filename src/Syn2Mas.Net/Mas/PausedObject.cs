namespace Syn2Mas.Net.Mas;

/// <summary>
/// An index or constraint dropped for the load, as the catalog described it before: the statements that
/// drop it and create it again, and what a failed rebuild needs to explain itself.
/// </summary>
/// <remarks>Settable properties rather than a constructor: Dapper cannot match text[] columns to constructor parameters.</remarks>
internal sealed record PausedObject
{
    public required PausedObjectKind Kind { get; init; }

    public required string Name { get; init; }

    /// <summary>The table it belongs to, as <c>regclass</c> prints it (schema-qualified only when off the search path).</summary>
    public required string Table { get; init; }

    /// <summary>The table's place in <see cref="MasSchema.WrittenTables"/>; tables outside them come after.</summary>
    public required int TableOrder { get; init; }

    public required string DropSql { get; init; }

    /// <summary>
    /// Built on <c>pg_get_constraintdef</c> or <c>pg_get_indexdef</c>, which keep <c>DEFERRABLE</c>,
    /// <c>INITIALLY DEFERRED</c> and <c>NOT VALID</c>, so a constraint comes back exactly as it was.
    /// </summary>
    public required string CreateSql { get; init; }

    /// <summary>Restores the object's comment, which dropping loses; null without one.</summary>
    public string? CommentSql { get; init; }

    /// <summary>A unique index's key columns or expressions; a foreign key's referencing columns.</summary>
    public string[] KeyExpressions { get; init; } = [];

    /// <summary>A partial unique index's WHERE clause.</summary>
    public string? Predicate { get; init; }

    /// <summary>A foreign key's referenced table.</summary>
    public string? ReferencedTable { get; init; }

    /// <summary>A foreign key's referenced columns, in the order of <see cref="KeyExpressions"/>.</summary>
    public string[] ReferencedColumns { get; init; } = [];

    public bool Validated { get; init; }

    /// <summary>How messages and progress name it: <c>constraint users_pkey</c>, <c>index users_lower_username_idx</c>.</summary>
    public string Description => Kind switch
    {
        PausedObjectKind.UniqueIndex => $"unique index {Name}",
        PausedObjectKind.Index => $"index {Name}",
        _ => $"constraint {Name}",
    };
}
