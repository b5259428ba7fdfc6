namespace Syn2Mas.Net.Synapse;

/// <summary>What the migration reads a Synapse column as, which decides the column types it can read.</summary>
internal enum SynapseColumnKind
{
    /// <summary>PostgreSQL <c>text</c>, <c>varchar</c> or <c>char</c>; SQLite text (or untyped) affinity.</summary>
    Text,

    /// <summary>PostgreSQL <c>smallint</c>, <c>integer</c> or <c>bigint</c>; SQLite integer or numeric (or untyped) affinity.</summary>
    Number,

    /// <summary>PostgreSQL <c>boolean</c>; SQLite integer or numeric (or untyped) affinity, as <c>BOOLEAN</c> declares.</summary>
    Boolean,
}
