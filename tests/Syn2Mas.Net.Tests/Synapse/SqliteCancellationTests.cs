using Microsoft.Data.Sqlite;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Synapse;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Synapse;

/// <summary>
/// SQLite runs a statement to its end without looking at a cancellation token, and a check or a sort of
/// a large Synapse takes minutes: cancelling the token the source was opened with interrupts it.
/// </summary>
public sealed class SqliteCancellationTests
{
    /// <summary>A statement that never ends by itself, and says when it has begun.</summary>
    private const string Endless = "WITH RECURSIVE n(i) AS (SELECT started() UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n";

    [Fact]
    public async Task Cancelling_interrupts_a_running_statement_and_the_source_still_closes()
    {
        using var database = SqliteTestDatabase.Create(RepoPaths.Fixture("synapse", "sqlite", "schema-94.sql"));
        using var cancellation = new CancellationTokenSource();
        var source = await SynapseSource.OpenAsync(new SynapseSqliteDatabase(database.Path), SynapseLockMode.Exclusive, cancellation.Token);

        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ((SqliteConnection)source.Connection).CreateFunction("started", () =>
        {
            running.TrySetResult();
            return 1L;
        });

        // On another thread, as the statement blocks the one that runs it; cancelled once it runs, with a
        // token it was not given: only the source's interrupt can stop it.
        var query = Task.Run(() => source.QuerySingleAsync<long>(Endless, cancellationToken: CancellationToken.None));
        await running.Task;
        await cancellation.CancelAsync();

        var exception = await Assert.ThrowsAsync<SqliteException>(() => query);
        Assert.Equal(9, exception.SqliteErrorCode); // SQLITE_INTERRUPT
        await source.ReleaseAsync();
    }
}
