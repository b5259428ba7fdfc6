using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Syn2Mas.Net.Migration;

/// <summary>
/// Runs a stream on a thread of its own, a few batches ahead of its consumer, so that reading and merging
/// Synapse's rows and mapping and encoding them for MAS keep two cores busy instead of taking turns on one.
/// Only a few batches wait at a time, so memory stays flat.
/// </summary>
internal static class ReadAhead
{
    /// <summary>
    /// The items of <paramref name="source"/>, in order, produced in the background. The source's own
    /// exception comes out as it is, after the last whole batch before it (a failure ends the migration, so
    /// the items of the unfinished batch do not matter). Whatever ends the consumer stops the producer and
    /// waits for it, so the source is never in use after this returns.
    /// </summary>
    public static async IAsyncEnumerable<T> RunAsync<T>(
        IAsyncEnumerable<T> source, int batchSize, int batches, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batches, 1);
        var channel = Channel.CreateBounded<T[]>(new BoundedChannelOptions(batches)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => ProduceAsync(source, channel.Writer, batchSize, stop.Token), CancellationToken.None);
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken))
            {
                while (channel.Reader.TryRead(out var batch))
                {
                    foreach (var item in batch)
                    {
                        yield return item;
                    }
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
        }
    }

    private static async Task ProduceAsync<T>(IAsyncEnumerable<T> source, ChannelWriter<T[]> writer, int batchSize, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new List<T>(batchSize);
            await foreach (var item in source.WithCancellation(cancellationToken))
            {
                batch.Add(item);
                if (batch.Count == batchSize)
                {
                    await writer.WriteAsync([.. batch], cancellationToken);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                await writer.WriteAsync([.. batch], cancellationToken);
            }

            writer.Complete();
        }
        catch (Exception exception)
        {
            // Handed to the consumer, which rethrows it once it has taken the batches already written.
            writer.Complete(exception);
        }
    }
}
