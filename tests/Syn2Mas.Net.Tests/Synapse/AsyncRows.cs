namespace Syn2Mas.Net.Tests.Synapse;

/// <summary>Small helpers to feed and drain async streams in tests.</summary>
public static class AsyncRows
{
    public static async IAsyncEnumerable<T> Of<T>(params T[] rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    public static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken cancellationToken = default)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            list.Add(row);
        }

        return list;
    }
}
