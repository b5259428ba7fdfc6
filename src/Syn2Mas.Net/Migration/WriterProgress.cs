using Syn2Mas.Net.Mas;

namespace Syn2Mas.Net.Migration;

/// <summary>Turns the writer's events into the migration's progress vocabulary.</summary>
internal sealed class WriterProgress(IProgress<MigrationProgress> progress, Func<long> currentEstimate) : IProgress<MasWriterEvent>
{
    public void Report(MasWriterEvent value)
    {
        var phase = value.Phase switch
        {
            MasWriterPhase.Copying => MigrationPhase.Copying,
            MasWriterPhase.Rebuilding => MigrationPhase.Rebuilding,
            MasWriterPhase.Committing => MigrationPhase.Committing,
            MasWriterPhase.RollingBack => MigrationPhase.RollingBack,
            _ => MigrationPhase.Preparing,
        };
        progress.Report(new MigrationProgress(phase, value.ToString(), value.Table, value.Rows, phase == MigrationPhase.Copying ? currentEstimate() : 0));
    }
}
