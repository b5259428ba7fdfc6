using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Syn2Mas.Net.Databases;

namespace Syn2Mas.Net.Synapse;

/// <summary>
/// Names Synapse's database when its connection fails while it is read. Npgsql reports a connection that
/// dropped between two reads as a disposed transaction or a closed connection, which says nothing of which
/// database it was; this turns those into one line naming it.
/// </summary>
internal static class SynapseConnectionLost
{
    /// <summary>Whether <paramref name="exception"/> is the database or its connection failing, rather than a bug or a cancel.</summary>
    public static bool IsDatabaseFailure(Exception exception) =>
        exception is SqliteException || PostgresErrors.IsConnectionFailure(exception);

    public static DatabaseUnavailableException Describe(SynapseSource source, string doing, Exception exception)
    {
        var reason = exception switch
        {
            SqliteException sqlite when sqlite.SqliteErrorCode == SqliteFull =>
                "SQLite ran out of room for its temporary sort files (SQLITE_TMPDIR if set, else TMPDIR, else /tmp); point SQLITE_TMPDIR at a folder with free space",
            SqliteException sqlite => sqlite.Message.Split('\n')[0].TrimEnd('.'),
            _ => PostgresErrors.Describe(exception),
        };
        return new DatabaseUnavailableException($"{doing} Synapse's database {source.Description} failed: {reason}", exception);
    }

    /// <summary>Passes <paramref name="rows"/> through, turning a database failure into <see cref="Describe"/>'s.</summary>
    public static async IAsyncEnumerable<T> Guard<T>(
        SynapseSource source, IAsyncEnumerable<T> rows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var enumerator = rows.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await enumerator.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && IsDatabaseFailure(exception))
            {
                throw Describe(source, "reading", exception);
            }

            yield return enumerator.Current;
        }
    }

    /// <summary>SQLite's result code for a full disk, here the folder of its temporary sort files.</summary>
    private const int SqliteFull = 13;
}
