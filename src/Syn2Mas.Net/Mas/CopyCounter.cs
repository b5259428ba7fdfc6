namespace Syn2Mas.Net.Mas;

/// <summary>
/// The rows one COPY has sent, with a progress event every so many, and whether its source (not MAS)
/// failed, so that the source's own exception is not reported as MAS's.
/// </summary>
internal sealed class CopyCounter(string table, int interval, Action<MasWriterEvent> report)
{
    public long Sent { get; private set; }

    public bool SourceFailed { get; set; }

    public void RowSent()
    {
        if (++Sent % interval == 0)
        {
            report(MasWriterEvent.Copying(table, Sent));
        }
    }
}
