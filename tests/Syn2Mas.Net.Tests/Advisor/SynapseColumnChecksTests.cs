using Syn2Mas.Net.Tests.Cli;
using Syn2Mas.Net.Tests.Migration;

namespace Syn2Mas.Net.Tests.Advisor;

/// <summary>
/// A column the migration reads that is missing or of another type: a finding naming table and column from
/// both the advisor and migrate, never a raw "column does not exist" or cast error, and nothing written.
/// </summary>
public sealed class SynapseColumnChecksTests
{
    public static TheoryData<string, string, string> Damage => new()
    {
        { "sqlite", "DROP INDEX users_creation_ts; ALTER TABLE users DROP COLUMN creation_ts;", "has no column users.creation_ts, which the migration reads" },
        { "postgres", "ALTER TABLE users DROP COLUMN creation_ts;", "has no column users.creation_ts, which the migration reads" },
        { "sqlite", "ALTER TABLE devices DROP COLUMN hidden; ALTER TABLE devices ADD COLUMN hidden TEXT;", "devices.hidden in SQLite " },
        { "postgres", "ALTER TABLE devices ALTER COLUMN hidden TYPE text USING hidden::text;", "devices.hidden in PostgreSQL " },
        { "postgres", "ALTER TABLE users ALTER COLUMN creation_ts TYPE text USING creation_ts::text;", "users.creation_ts in PostgreSQL " },
    };

    [Theory]
    [MemberData(nameof(Damage))]
    public async Task The_finding_names_table_and_column_in_advisor_and_migrate(string dialect, string alter, string expected)
    {
        await using var scenario = await AdvisorScenario.CreateAsync(dialect, AdvisorScenario.HealthyRows + alter);

        var advisor = await CliRun.RunAsync("advisor", "--synapse-config", scenario.SynapseConfigPath, "--mas-config", scenario.MasConfigPath);
        var migrate = await MigrateRun.RunAsync(scenario);

        foreach (var run in new[] { advisor, migrate })
        {
            Assert.True(run.ExitCode == 10, run.Stdout + run.Stderr);
            Assert.Contains("error   synapse-column-unreadable: ", run.Stdout, StringComparison.Ordinal);
            Assert.Contains(expected, run.Stdout, StringComparison.Ordinal);
            Assert.Empty(run.Stderr);
        }

        if (!expected.StartsWith("has no column", StringComparison.Ordinal))
        {
            Assert.Contains(dialect == "postgres" ? "is of type `text`, where the migration reads" : "is of type `TEXT`, where the migration reads", advisor.Stdout, StringComparison.Ordinal);
        }

        Assert.Contains("Nothing was written", migrate.Stdout, StringComparison.Ordinal);
        MigrateRun.AssertNoSecrets(scenario, advisor);
        MigrateRun.AssertNoSecrets(scenario, migrate);
    }

    [Theory]
    [InlineData("sqlite", 72)]
    [InlineData("sqlite", 94)]
    [InlineData("postgres", 72)]
    [InlineData("postgres", 94)]
    public async Task Synapses_own_schemas_have_every_column_as_read(string dialect, int schema)
    {
        await using var scenario = await AdvisorScenario.CreateAsync(dialect, synapseSchema: schema);

        var advisor = await CliRun.RunAsync("advisor", "--synapse-config", scenario.SynapseConfigPath, "--mas-config", scenario.MasConfigPath);

        Assert.DoesNotContain("synapse-column-unreadable", advisor.Stdout, StringComparison.Ordinal);
    }
}
