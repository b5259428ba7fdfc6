using Syn2Mas.Net.Mas;

namespace Syn2Mas.Net.Migration;

/// <summary>Turns the writer's events into the migration's progress, in the phase the runner is in.</summary>
internal sealed class WriterProgress(IProgress<MigrationProgress> progress, Func<MigrationPhase> currentPhase, Func<long> currentEstimate) : IProgress<MasWriterEvent>
{
    public void Report(MasWriterEvent value)
    {
        var phase = currentPhase();
        progress.Report(new MigrationProgress(phase, value.Detail, value.Table, value.Rows, phase == MigrationPhase.Copying ? currentEstimate() : 0));
    }
}
