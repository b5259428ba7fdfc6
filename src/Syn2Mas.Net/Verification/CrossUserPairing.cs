namespace Syn2Mas.Net.Verification;

/// <summary>
/// Pairs the rows of a table whose natural key does not include the user (an upstream link is keyed by
/// provider and subject) when the two sides hold the row under different users: the merge sees a missing
/// row under one user and an unexpected one under another, in either order. Rows wait here until their other
/// half comes; only differences wait, and at most <see cref="Capacity"/> of them, the oldest leaving first as
/// plain missing or unexpected rows, so memory stays flat however much differs.
/// </summary>
internal sealed class CrossUserPairing
{
    public const int Capacity = 10_000;

    private readonly Dictionary<string, RowChange> _waiting = new(StringComparer.Ordinal);
    private readonly Queue<RowChange> _order = new();

    /// <summary>
    /// The waiting row of the other kind with the same key, removed; or null, and <paramref name="change"/>
    /// waits (the oldest waiting row is returned through <paramref name="evicted"/> when full).
    /// </summary>
    public RowChange? Pair(RowChange change, out RowChange? evicted)
    {
        evicted = null;
        if (_waiting.TryGetValue(change.Key, out var other) && other.Kind != change.Kind)
        {
            _waiting.Remove(change.Key);
            return other;
        }

        if (other is not null)
        {
            // Two rows of the same side under one key: the first cannot pair any more than the second.
            evicted = other;
            _waiting.Remove(change.Key);
        }
        else if (_waiting.Count >= Capacity)
        {
            while (_order.TryDequeue(out var oldest))
            {
                if (_waiting.TryGetValue(oldest.Key, out var current) && ReferenceEquals(current, oldest))
                {
                    _waiting.Remove(oldest.Key);
                    evicted = oldest;
                    break;
                }
            }
        }

        _waiting[change.Key] = change;
        _order.Enqueue(change);
        if (_order.Count > 2 * Capacity)
        {
            // Paired rows stay queued until they reach the front: drop them before they pile up.
            var live = Drain().ToList();
            _order.Clear();
            live.ForEach(_order.Enqueue);
        }

        return null;
    }

    /// <summary>Everything still waiting: rows whose other half never came.</summary>
    public IEnumerable<RowChange> Drain()
    {
        foreach (var change in _order)
        {
            if (_waiting.TryGetValue(change.Key, out var current) && ReferenceEquals(current, change))
            {
                yield return change;
            }
        }
    }
}
