namespace Syn2Mas.Net.Verification;

/// <summary>Whether MAS holds exactly what the migration rules make of Synapse.</summary>
public enum VerificationOutcome
{
    Match,
    Differences,
}
