using Syn2Mas.Net.Reporting;

namespace Syn2Mas.Net.Synapse;

/// <summary>
/// One input of <see cref="SynapseUserMerger"/>: a stream of rows with its current row and that row's user
/// id, checking as it advances that user ids never go backwards. A null source is a table not read: it is
/// empty.
/// </summary>
internal sealed class OrderedUserStream<T> : IAsyncDisposable
    where T : class
{
    private readonly IAsyncEnumerator<T>? _rows;
    private readonly string _table;
    private readonly Func<T, string?> _userId;
    private readonly bool _unique;
    private readonly string _database;

    private OrderedUserStream(IAsyncEnumerator<T>? rows, string table, Func<T, string?> userId, bool unique, string database)
    {
        _rows = rows;
        _table = table;
        _database = database;
        _userId = userId;
        _unique = unique;
    }

    public bool HasCurrent { get; private set; }

    public T Current => HasCurrent ? _rows!.Current : throw new InvalidOperationException($"The {_table} stream has no current row.");

    /// <summary>The current row's user id; null only for a <c>users</c> row whose name is NULL.</summary>
    public string? UserId { get; private set; }

    /// <param name="unique">
    /// Whether a user id may appear once only (<c>users.name</c> is UNIQUE; NULLs, which UNIQUE allows
    /// several times, excepted).
    /// </param>
    /// <param name="database">Whose table it is, for messages: MAS's tables are merged the same way by <c>verify</c>.</param>
    public static async Task<OrderedUserStream<T>> StartAsync(
        IAsyncEnumerable<T>? source, string table, Func<T, string?> userId, bool unique, CancellationToken cancellationToken, string database = "Synapse")
    {
        var stream = new OrderedUserStream<T>(source?.GetAsyncEnumerator(cancellationToken), table, userId, unique, database);
        try
        {
            await stream.AdvanceAsync(first: true);
            return stream;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>Moves to the next row, or to the end; throws when the next row's user id comes before the current one's.</summary>
    public ValueTask MoveNextAsync() => AdvanceAsync(first: false);

    /// <summary>The rows of <paramref name="userId"/> at the head of the stream (none when it is elsewhere), consumed.</summary>
    public async ValueTask<IReadOnlyList<T>> TakeAsync(string userId)
    {
        if (!HasCurrent || !string.Equals(UserId, userId, StringComparison.Ordinal))
        {
            return [];
        }

        var rows = new List<T>();
        do
        {
            rows.Add(Current);
            await MoveNextAsync();
        }
        while (HasCurrent && string.Equals(UserId, userId, StringComparison.Ordinal));

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        if (_rows is not null)
        {
            await _rows.DisposeAsync();
        }
    }

    private async ValueTask AdvanceAsync(bool first)
    {
        if (_rows is null || !await _rows.MoveNextAsync())
        {
            HasCurrent = false;
            UserId = null;
            return;
        }

        var previous = UserId;
        var next = _userId(_rows.Current);
        if (!first)
        {
            var order = CodePointComparer.Instance.Compare(previous, next);
            if (order > 0 || (order == 0 && _unique && next is not null))
            {
                throw new InvalidOperationException(order > 0
                    ? $"{_database}'s {_table} rows came out of user id order ({Quote(previous)} before {Quote(next)}): the database does not sort text in code point (byte) order, as the C collation Synapse requires does, so the tables cannot be merged per user."
                    : $"{_database}'s {_table} table holds the user id {Quote(next)} twice, which its UNIQUE constraint should prevent; the tables cannot be merged per user.");
            }
        }

        HasCurrent = true;
        UserId = next;
    }

    private static string Quote(string? userId) => userId is null ? "NULL" : $"\"{ExampleText.Of(userId)}\"";
}
