using System.Runtime.CompilerServices;

namespace Syn2Mas.Net.Tests.Synapse;

/// <summary>A stream of fixed rows that records whether its enumerator was disposed.</summary>
public sealed class TrackedRows<T> : IAsyncEnumerable<T>
{
    private readonly T[] _rows;

    public TrackedRows(params T[] rows)
    {
        _rows = rows;
    }

    public bool Started { get; private set; }

    public bool Disposed { get; private set; }

    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) => EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

    private async IAsyncEnumerable<T> EnumerateAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Started = true;
        try
        {
            foreach (var row in _rows)
            {
                await Task.Yield();
                cancellationToken.ThrowIfCancellationRequested();
                yield return row;
            }
        }
        finally
        {
            Disposed = true;
        }
    }
}
