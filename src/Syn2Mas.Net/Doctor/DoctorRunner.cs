using Syn2Mas.Net.Advisor;

namespace Syn2Mas.Net.Doctor;

/// <summary>Runs <c>doctor</c>: the checks of both configuration files, then, if asked, the live ones.</summary>
public static class DoctorRunner
{
    public static async Task<DoctorReport> RunAsync(DoctorConfiguration configuration, DoctorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var stage = options.Stage ?? (configuration.SynapseWiring.DelegationEnabled ? DoctorStage.After : DoctorStage.Before);
        var findings = new List<Finding>(WiringChecks.Run(configuration, stage));
        IReadOnlyList<LiveCheck>? checks = null;
        if (options.Live is { } live)
        {
            var (liveChecks, liveFindings) = await LiveChecks.RunAsync(configuration, stage, live, cancellationToken);
            checks = liveChecks;
            findings.AddRange(liveFindings);
        }

        return new DoctorReport
        {
            Stage = stage,
            StageFrom = options.Stage is null ? "synapse-config" : "option",
            Findings = AdvisorRunner.Order(findings),
            Live = checks,
        };
    }
}
