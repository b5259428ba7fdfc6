namespace Syn2Mas.Net.Doctor;

/// <summary>How one live request of <c>doctor --live</c> went.</summary>
public enum LiveOutcome
{
    Ok,
    Failed,

    /// <summary>Not asked: an earlier answer or the configuration made it pointless.</summary>
    Skipped,
}
