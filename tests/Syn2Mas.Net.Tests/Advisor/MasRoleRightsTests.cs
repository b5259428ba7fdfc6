using Dapper;
using Npgsql;
using Syn2Mas.Net.Advisor;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Tests.Cli;
using Syn2Mas.Net.Tests.Infrastructure;
using Syn2Mas.Net.Tests.Migration;
using static Syn2Mas.Net.Tests.Infrastructure.MasTestDatabase;

namespace Syn2Mas.Net.Tests.Advisor;

/// <summary>
/// A MAS role that may read and insert but does not own the tables: the advisor reports
/// mas-insufficient-rights (an error), where it used to pass and migrate then failed on its first DROP.
/// Real roles on the real server, dropped afterwards.
/// </summary>
public sealed class MasRoleRightsTests
{
    private const string Password = "role-password-never-shown-5e2a";

    private static readonly UpstreamProviderMapping FixtureMapping =
        UpstreamProviderMapping.Create(MasConfigLoader.Load([RepoPaths.Fixture("config", "mas.yaml")]), []);

    /// <summary>A login role with SELECT and INSERT on every table of <paramref name="database"/>, owner of none.</summary>
    private static async Task<string> CreateRoleAsync(TestDatabase database)
    {
        var role = "r_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync($"""
            CREATE ROLE {role} LOGIN PASSWORD '{Password}';
            GRANT USAGE ON SCHEMA public TO {role};
            GRANT SELECT, INSERT, REFERENCES ON ALL TABLES IN SCHEMA public TO {role};
            """);
        return role;
    }

    private static async Task DropRoleAsync(string role)
    {
        var server = await PostgresServer.Instance;
        await using var connection = new NpgsqlConnection(server.Admin.ConnectionString);
        await connection.ExecuteAsync($"DROP ROLE IF EXISTS {role}");
    }

    private static PostgresConnectionSettings As(TestDatabase database, string role) =>
        PostgresConnectionSettings.Parse(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = role, Password = Password }.ConnectionString);

    [Fact]
    public async Task A_role_that_owns_nothing_is_an_error_naming_the_tables_and_their_owner()
    {
        string role;
        await using (var database = await CleanMasAsync())
        {
            role = await CreateRoleAsync(database);
            var owner = new NpgsqlConnectionStringBuilder(database.ConnectionString).Username;

            var finding = Assert.Single((await MasDatabaseChecks.RunAsync(As(database, role), FixtureMapping)).Findings);

            Assert.Equal("mas-insufficient-rights", finding.Code);
            Assert.Equal(Severity.Error, finding.Severity);
            Assert.StartsWith($"the role `{role}` does not own `compat_access_tokens` (owner {owner}), ", finding.Message, StringComparison.Ordinal);
            Assert.Contains($"`users` (owner {owner})", finding.Message, StringComparison.Ordinal);
            Assert.Contains($"`user_sessions` (owner {owner})", finding.Message, StringComparison.Ordinal);
            Assert.EndsWith($"migrate as `{owner}` (normally the role MAS itself uses), or grant it to `{role}` (GRANT \"{owner}\" TO \"{role}\")", finding.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, finding.Message, StringComparison.Ordinal);
        }

        await DropRoleAsync(role);
    }

    [Fact]
    public async Task Owning_the_written_tables_is_not_enough_when_another_table_points_at_them()
    {
        string role;
        await using (var database = await CleanMasAsync())
        {
            role = await CreateRoleAsync(database);
            await ExecuteAsync(database, $"""
                DO $$ DECLARE t record; BEGIN
                  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'user_sessions' LOOP
                    EXECUTE format('ALTER TABLE %I OWNER TO {role}', t.tablename);
                  END LOOP;
                END $$;
                """);

            var finding = Assert.Single((await MasDatabaseChecks.RunAsync(As(database, role), FixtureMapping)).Findings);

            Assert.Equal("mas-insufficient-rights", finding.Code);
            Assert.StartsWith($"the role `{role}` does not own `user_sessions` (owner ", finding.Message, StringComparison.Ordinal);
            Assert.Equal(1, finding.Count);
        }

        await DropRoleAsync(role);
    }

    [Theory]
    [MemberData(nameof(MigrateRun.Dialects), MemberType = typeof(MigrateRun))]
    public async Task Migrate_stops_at_the_checks_and_leaves_mas_as_it_was(string dialect)
    {
        string role;
        await using (var scenario = await AdvisorScenario.CreateAsync(dialect))
        {
            role = await CreateRoleAsync(scenario.Mas);
            var before = await DatabaseFingerprint.OfPostgresAsync(scenario.Mas);
            var builder = new NpgsqlConnectionStringBuilder(scenario.Mas.ConnectionString);
            var uri = $"postgresql://{role}:{Password}@{builder.Host}:{builder.Port}/{builder.Database}";

            var run = await MigrateRun.RunAsync(scenario, "--mas-database-uri", uri);

            Assert.True(run.ExitCode == 10, run.Stdout + run.Stderr);
            Assert.Contains($"error   mas-insufficient-rights", run.Stdout, StringComparison.Ordinal);
            Assert.Equal(before, await DatabaseFingerprint.OfPostgresAsync(scenario.Mas));
            MigrateRun.AssertNoSecrets(scenario, run, Password);
        }

        await DropRoleAsync(role);
    }
}
