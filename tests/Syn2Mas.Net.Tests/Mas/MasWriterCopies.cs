using Syn2Mas.Net.Mas;

namespace Syn2Mas.Net.Tests.Mas;

/// <summary>One table's rows pushed through the writer's COPY handle, as the migration runner does.</summary>
internal static class MasWriterCopies
{
    public static async Task<long> CopyAsync<TRow>(this MasWriter writer, MasTable table, IEnumerable<TRow> rows, Action<IMasRowSink, TRow> writeRow)
    {
        await using var copy = await writer.BeginCopyAsync(table);
        foreach (var row in rows)
        {
            writeRow(copy, row);
        }

        return await copy.CompleteAsync();
    }
}
