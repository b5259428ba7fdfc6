using System.Runtime.CompilerServices;
using Syn2Mas.Net.Migration;

namespace Syn2Mas.Net.Tests.Migration;

/// <summary>
/// The migration reads Synapse on one thread and maps on another (<see cref="ReadAhead"/>): what comes out
/// must be exactly the stream that went in, a reader failure must surface as itself, and the reader must be
/// finished with its connection whenever the consumer is.
/// </summary>
public sealed class ReadAheadTests
{
    [Fact]
    public async Task Every_item_comes_out_once_in_order_across_batches()
    {
        var items = new List<int>();
        await foreach (var item in ReadAhead.RunAsync(Numbers(10_007, new Probe()), batchSize: 100, batches: 2))
        {
            items.Add(item);
        }

        Assert.Equal(Enumerable.Range(0, 10_007), items);
    }

    [Fact]
    public async Task A_reader_failure_comes_out_as_itself_after_the_whole_batches_before_it()
    {
        var items = new List<int>();
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var item in ReadAhead.RunAsync(FailingAfter(250), batchSize: 100, batches: 2))
            {
                items.Add(item);
            }
        });

        Assert.Equal("the reader failed at 250", failure.Message);
        Assert.Equal(Enumerable.Range(0, 200), items);
    }

    [Fact]
    public async Task A_consumer_that_stops_early_stops_the_reader_before_it_returns()
    {
        var probe = new Probe();
        await foreach (var item in ReadAhead.RunAsync(Numbers(1_000_000, probe), batchSize: 10, batches: 2))
        {
            if (item == 50)
            {
                break;
            }
        }

        // The reader's connection may be closed as soon as the consumer is done: the reader must be.
        Assert.True(probe.Disposed);
        Assert.True(probe.Produced < 1_000_000, $"the reader went on to {probe.Produced}");
    }

    [Fact]
    public async Task Cancelling_stops_both_sides()
    {
        using var cancellation = new CancellationTokenSource();
        var probe = new Probe();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var item in ReadAhead.RunAsync(Numbers(1_000_000, probe), batchSize: 10, batches: 2, cancellation.Token))
            {
                if (item == 30)
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        Assert.True(probe.Disposed);
    }

    private static async IAsyncEnumerable<int> Numbers(int count, Probe probe, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            for (var i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                probe.Produced = i + 1;
                if (i % 64 == 0)
                {
                    await Task.Yield();
                }

                yield return i;
            }
        }
        finally
        {
            probe.Disposed = true;
        }
    }

    private static async IAsyncEnumerable<int> FailingAfter(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return i;
        }

        throw new InvalidOperationException($"the reader failed at {count}");
    }

    private sealed class Probe
    {
        public volatile bool Disposed;

        public int Produced;
    }
}
