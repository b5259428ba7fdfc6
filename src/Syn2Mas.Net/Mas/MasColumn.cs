namespace Syn2Mas.Net.Mas;

/// <summary>A column the migration writes into, as docs/schema.md lists it.</summary>
/// <param name="TypeName">The PostgreSQL type as <c>pg_type.typname</c> spells it (<c>int4</c>, not <c>integer</c>).</param>
/// <param name="IsNullable">The migration may write NULL here, so MAS must not declare it NOT NULL.</param>
public sealed record MasColumn(string Name, string TypeName, bool IsNullable);
