using Syn2Mas.Net.Advisor;

namespace Syn2Mas.Net.Migration;

/// <summary>What the operator asked of <c>migrate</c>.</summary>
public sealed record MigrationOptions
{
    /// <summary>The checks' options; the skip flags also tell the mapper to skip rather than fail.</summary>
    public AdvisorOptions Checks { get; init; } = new();

    /// <summary>Do everything, index and constraint rebuild included, then roll back.</summary>
    public bool DryRun { get; init; }

    /// <summary><c>--allow-running-synapse</c>: the admin knows the other sessions on Synapse's database are not Synapse.</summary>
    public bool AllowRunningSynapse { get; init; }
}
