using Syn2Mas.Net.Tests.Cli;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Migration;

/// <summary>Runs <c>syn2mas-net migrate</c> in process on a scenario, and the checks every migrate test repeats.</summary>
internal static class MigrateRun
{
    public static TheoryData<string> Dialects => new() { "sqlite", "postgres" };

    public static string[] Arguments(AdvisorScenario scenario, params string[] options) =>
        ["migrate", "--synapse-config", scenario.SynapseConfigPath, "--mas-config", scenario.MasConfigPath, .. options];

    public static Task<CliRun> RunAsync(AdvisorScenario scenario, params string[] options) => CliRun.RunAsync(Arguments(scenario, options));

    /// <summary>Synapse's whole database, schema and rows, in either dialect.</summary>
    public static async Task<string> SynapseFingerprintAsync(AdvisorScenario scenario) =>
        scenario.Sqlite is { } sqlite ? DatabaseFingerprint.OfSqlite(sqlite) : await DatabaseFingerprint.OfPostgresAsync(scenario.SynapsePostgres!);

    /// <summary>
    /// No password, token, hash, pepper or client secret of the scenario or of the mixed fixture appears in
    /// any of the texts (console output, report files).
    /// </summary>
    public static void AssertNoSecrets(AdvisorScenario scenario, params string[] texts)
    {
        var secrets = scenario.Secrets.Concat(MixedRows.Secrets).ToList();
        foreach (var text in texts)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }

    public static void AssertNoSecrets(AdvisorScenario scenario, CliRun run, params string[] more) =>
        AssertNoSecrets(scenario, [run.Stdout, run.Stderr, .. more]);
}
