namespace Syn2Mas.Net.Migration;

/// <summary>What a migration left in MAS's database: the one fact an admin needs after any outcome.</summary>
public enum MasState
{
    /// <summary>MAS's tables were never locked: nothing was written.</summary>
    Untouched,

    /// <summary>The MAS transaction was rolled back (a dry run, a failure, a cancel): MAS is as it was.</summary>
    RolledBack,

    /// <summary>The MAS transaction committed: MAS holds the migrated users and sessions.</summary>
    Committed,
}
