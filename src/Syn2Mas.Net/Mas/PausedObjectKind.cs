namespace Syn2Mas.Net.Mas;

/// <summary>
/// What a paused object is. The order is the rebuild order: everything backed by an index first, foreign
/// keys last, because a foreign key needs the unique index it points at.
/// </summary>
internal enum PausedObjectKind
{
    PrimaryKey = 0,
    Unique = 1,
    Exclusion = 2,
    UniqueIndex = 3,
    Index = 4,
    ForeignKey = 5,
}
