namespace Syn2Mas.Net.Mas;

/// <summary>Where a <see cref="MasWriter"/> is in its one transaction, in the order the phases happen.</summary>
public enum MasWriterPhase
{
    /// <summary>Taking the migration lock and locking the written tables.</summary>
    Locking,

    /// <summary>Making sure no written table holds a row.</summary>
    CheckingEmpty,

    /// <summary>Dropping the constraints and indexes that would slow the load, after remembering them.</summary>
    PausingConstraints,

    /// <summary>Rows are being copied into a table.</summary>
    Copying,

    /// <summary>A dropped index or constraint is being created again.</summary>
    Rebuilding,

    Committing,

    RollingBack,
}
