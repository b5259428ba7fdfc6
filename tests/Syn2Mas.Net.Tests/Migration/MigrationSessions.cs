using Dapper;
using Syn2Mas.Net.Tests.Cli;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Migration;

/// <summary>The PostgreSQL sessions a migration opens (application name <c>syn2mas-net</c>), seen and ended from outside.</summary>
internal static class MigrationSessions
{
    private static readonly TimeSpan GoneTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The migration's sessions on <paramref name="databases"/>, described for a failure message.</summary>
    public static async Task<IReadOnlyList<string>> ListAsync(TestDatabase server, params string[] databases)
    {
        await using var connection = await server.OpenAsync();
        var sessions = await connection.QueryAsync<string>(
            """
            SELECT format('pid %s on %s: %s, %s', pid, datname, state, left(query, 80))
            FROM pg_stat_activity
            WHERE application_name = 'syn2mas-net' AND datname = ANY(@databases)
            """,
            new { databases });
        return sessions.ToList();
    }

    /// <summary>The migration's sessions on MAS's database and on Synapse's when it is PostgreSQL.</summary>
    public static Task<IReadOnlyList<string>> ListAsync(AdvisorScenario scenario) =>
        ListAsync(scenario.Mas, scenario.SynapsePostgres is { } synapse ? [scenario.Mas.Name, synapse.Name] : [scenario.Mas.Name]);

    /// <summary>Ends the migration's sessions on <paramref name="database"/> as an admin would; how many there were.</summary>
    public static async Task<int> TerminateAsync(TestDatabase database)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<int>(
            """
            SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))
            FROM pg_stat_activity WHERE application_name = 'syn2mas-net' AND datname = @name
            """,
            new { name = database.Name });
    }

    /// <summary>
    /// Waits until the migration's sessions are gone. PostgreSQL notices a vanished client when it next
    /// talks to it: at once when idle in the transaction, after the statement when busy with one.
    /// </summary>
    public static async Task WaitUntilGoneAsync(AdvisorScenario scenario)
    {
        var deadline = DateTime.UtcNow + GoneTimeout;
        while (true)
        {
            var sessions = await ListAsync(scenario);
            if (sessions.Count == 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"sessions of the migration are still there after {GoneTimeout}: {string.Join("; ", sessions)}");
            await Task.Delay(100);
        }
    }
}
