namespace Syn2Mas.Net.Mas;

/// <summary>Where a <see cref="MasWriter"/>'s transaction stands; each public method allows only some.</summary>
internal enum MasWriterState
{
    /// <summary>Constraints paused: rows may be copied, then rebuilt.</summary>
    Loading,

    /// <summary>Everything paused is back: commit or roll back.</summary>
    Rebuilt,

    /// <summary>A step failed and the transaction is aborted: only a rollback remains.</summary>
    Failed,

    Committed,

    RolledBack,
}
