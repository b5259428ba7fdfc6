namespace Syn2Mas.Net.Synapse;

/// <summary>
/// The table locks a PostgreSQL <see cref="SynapseSource"/> takes on the tables the migration reads, before
/// its snapshot starts (behaviour.md, "Safety rules"). SQLite has no table locks; its modes are all alike.
/// </summary>
internal enum SynapseLockMode
{
    /// <summary>No locks: the advisor only reads and must not disturb a running Synapse.</summary>
    None,

    /// <summary>
    /// <c>ACCESS SHARE</c>, for a dry run: Synapse may keep running and writing, but nothing can drop or
    /// rewrite the tables while they are read.
    /// </summary>
    Shared,

    /// <summary>
    /// <c>EXCLUSIVE</c>, waited for briefly, for a real run: refused while Synapse (or a worker) still holds its
    /// usual row locks, and while held nobody can write, so the snapshot is the final state of the data.
    /// </summary>
    Exclusive,

    /// <summary>
    /// <see cref="Exclusive"/> when no other client has the database open, <see cref="Shared"/> otherwise: a
    /// real run that the <c>synapse-running</c> check is about to refuse must not make a running Synapse's
    /// writes wait while the checks read.
    /// </summary>
    ExclusiveUnlessInUse,
}
