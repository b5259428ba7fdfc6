namespace Syn2Mas.Net.Migration;

/// <summary>
/// A migration stopped before its commit; <see cref="Exception.InnerException"/> says why, and
/// <see cref="Report"/> says how far it got (<see cref="MigrationReport.FailedPhase"/>) and what MAS was
/// left with (<see cref="MigrationReport.MasState"/>: never <see cref="MasState.Committed"/>).
/// </summary>
public sealed class MigrationFailedException : Exception
{
    public MigrationFailedException(MigrationReport report, Exception innerException)
        : base(innerException?.Message, innerException)
    {
        ArgumentNullException.ThrowIfNull(innerException);
        Report = report;
    }

    public MigrationFailedException()
    {
        Report = new MigrationReport { DryRun = false, Outcome = MigrationOutcome.Failed };
    }

    public MigrationFailedException(string message)
        : base(message)
    {
        Report = new MigrationReport { DryRun = false, Outcome = MigrationOutcome.Failed, Error = message };
    }

    public MigrationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Report = new MigrationReport { DryRun = false, Outcome = MigrationOutcome.Failed, Error = message };
    }

    /// <summary>The report of the failed run, with <see cref="MigrationReport.Error"/> left for the caller to word.</summary>
    public MigrationReport Report { get; }
}
