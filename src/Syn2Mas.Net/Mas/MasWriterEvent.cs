using System.Globalization;

namespace Syn2Mas.Net.Mas;

/// <summary>What a <see cref="MasWriter"/> is doing, for a progress display.</summary>
/// <param name="Table">The table copied into or rebuilt (<see cref="MasWriterPhase.Copying"/>, <see cref="MasWriterPhase.Rebuilding"/>).</param>
/// <param name="ObjectName">The index or constraint being rebuilt (<see cref="MasWriterPhase.Rebuilding"/>).</param>
/// <param name="Rows">Rows copied into <paramref name="Table"/> so far (<see cref="MasWriterPhase.Copying"/>).</param>
public sealed record MasWriterEvent(MasWriterPhase Phase, string? Table = null, string? ObjectName = null, long Rows = 0)
{
    public static MasWriterEvent Copying(string table, long rows) => new(MasWriterPhase.Copying, table, Rows: rows);

    public static MasWriterEvent Rebuilding(string table, string objectName) => new(MasWriterPhase.Rebuilding, table, objectName);

    public override string ToString() => Phase switch
    {
        MasWriterPhase.Locking => "taking the migration lock",
        MasWriterPhase.CheckingEmpty => "checking that MAS's tables are empty",
        MasWriterPhase.PausingConstraints => "pausing constraints and indexes",
        MasWriterPhase.Copying => string.Create(CultureInfo.InvariantCulture, $"copying {Table}: {Rows} rows"),
        MasWriterPhase.Rebuilding => $"rebuilding {ObjectName} on {Table}",
        MasWriterPhase.Committing => "committing",
        MasWriterPhase.RollingBack => "rolling back",
        _ => Phase.ToString(),
    };
}
