using Dapper;
using Syn2Mas.Net.Reporting;
using Syn2Mas.Net.Tests.Cli;
using Syn2Mas.Net.Tests.Infrastructure;
using Syn2Mas.Net.Tests.Migration;

namespace Syn2Mas.Net.Tests.Container;

/// <summary>
/// The image run the way a Docker homelab ran the earlier tool: its alias, unchanged but for the image name
/// and <c>--network host</c> (the test PostgreSQL listens on the host's loopback), with the same mounts and
/// the Synapse folder read-only, and the earlier tool's flags.
/// </summary>
[Collection(DockerTestGroup.Name)]
public sealed class ContainerImageTests(ContainerArtifacts artifacts)
{
    /// <summary>The uid Synapse's own image runs as: the owner of a homeserver.yaml an admin mounts.</summary>
    private const string SynapseUid = "991";

    [Fact]
    public async Task The_old_alias_runs_advisor_a_dry_run_and_the_migration_against_a_sqlite_synapse()
    {
        await using var scenario = await AdvisorScenario.CreateAsync("sqlite", MixedRows.Sql);
        var synapse = scenario.Sqlite!;
        var homeserver = WriteContainerHomeserverYaml(scenario, Path.Combine(synapse.Folder, "homeserver.yaml"));
        var fingerprint = await MigrateRun.SynapseFingerprintAsync(scenario);
        string[] alias = Alias(homeserver, synapse.Folder, scenario.MasConfigPath);

        var version = await ContainerArtifacts.DockerAsync([.. alias, "--version"]);
        Assert.True(version.ExitCode == 0, version.Output);
        Assert.Equal(ToolInfo.Current.ToString(), version.Stdout.Trim());

        // The story's advisor, given Synapse's side alone, cannot know where the linked users' providers go.
        var synapseOnly = await ContainerArtifacts.DockerAsync([.. alias, .. OldAdvisor]);
        Assert.True(synapseOnly.ExitCode == 10, synapseOnly.Output);
        Assert.Contains("auth-provider-unmapped", synapseOnly.Stdout, StringComparison.Ordinal);
        Assert.Contains("mas-not-checked", synapseOnly.Stdout, StringComparison.Ordinal);

        // With MAS's side and the mapping, warnings only; among them that the read-only folder made SQLite open
        // the file immutable.
        var advisor = await ContainerArtifacts.DockerAsync([.. alias, .. OldAdvisor, .. OldMasOptions]);
        Assert.True(advisor.ExitCode == 11, advisor.Output);
        Assert.Contains("synapse-sqlite-immutable", advisor.Stdout, StringComparison.Ordinal);

        var dryRun = await ContainerArtifacts.DockerAsync([.. alias, .. OldMigrate, "--dryRun", "true"]);
        Assert.True(dryRun.ExitCode == 0, dryRun.Output);
        Assert.Equal(0, await CountAsync(scenario.Mas, "users"));

        var migrate = await ContainerArtifacts.DockerAsync([.. alias, .. OldMigrate]);
        Assert.True(migrate.ExitCode == 0, migrate.Output);
        Assert.Contains("Migrated: MAS now holds the users and sessions above.", migrate.Stdout, StringComparison.Ordinal);
        await AssertMigratedAsync(scenario.Mas);
        Assert.Equal(fingerprint, await MigrateRun.SynapseFingerprintAsync(scenario));
        MigrateRun.AssertNoSecrets(scenario, version.Stdout, synapseOnly.Stdout, synapseOnly.Stderr, advisor.Stdout, advisor.Stderr, dryRun.Stdout, dryRun.Stderr, migrate.Stdout, migrate.Stderr);
    }

    [Fact]
    public async Task A_homeserver_yaml_only_its_owner_and_group_may_read_needs_the_user_option()
    {
        await using var scenario = await AdvisorScenario.CreateAsync("sqlite", MixedRows.Sql);
        var synapse = scenario.Sqlite!;
        var homeserver = WriteContainerHomeserverYaml(scenario, Path.Combine(synapse.Folder, "homeserver.yaml"));
        var chown = await ProcessRun.RunAsync("chown", [$"{SynapseUid}:{SynapseUid}", homeserver], ContainerArtifacts.RunLimit);
        Assert.True(chown.ExitCode == 0, "the test makes the file another uid's, which needs root: " + chown.Output);
        var chmod = await ProcessRun.RunAsync("chmod", ["0640", homeserver], ContainerArtifacts.RunLimit);
        Assert.True(chmod.ExitCode == 0, chmod.Output);
        string[] alias = Alias(homeserver, synapse.Folder, scenario.MasConfigPath);
        var refused = await ContainerArtifacts.DockerAsync([.. alias, .. OldAdvisor]);
        Assert.True(refused.ExitCode == 2, refused.Output);
        var line = Assert.Single(refused.Stderr.Trim().Split('\n'));
        Assert.Contains("/homeserver.yaml: cannot read the Synapse configuration file: permission denied", line, StringComparison.Ordinal);
        Assert.Contains("--user", line, StringComparison.Ordinal);

        // The documented way: run as the file's owner (or any uid in its group).
        string[] asOwner = [.. alias[..^1], "--user", $"{SynapseUid}:{SynapseUid}", alias[^1]];
        var allowed = await ContainerArtifacts.DockerAsync([.. asOwner, .. OldAdvisor, .. OldMasOptions]);
        Assert.True(allowed.ExitCode == 11, allowed.Output);
        Assert.Contains("Synapse: SQLite /data/homeserver.db", allowed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_old_alias_migrates_a_synapse_on_postgresql()
    {
        await using var scenario = await AdvisorScenario.CreateAsync("postgres", MixedRows.Sql);
        string[] alias = Alias(scenario.SynapseConfigPath, scenario.Folder, scenario.MasConfigPath);

        var advisor = await ContainerArtifacts.DockerAsync([.. alias, .. OldAdvisor, .. OldMasOptions]);
        Assert.True(advisor.ExitCode == 11, advisor.Output);
        Assert.Contains("Synapse: PostgreSQL", advisor.Stdout, StringComparison.Ordinal);

        var migrate = await ContainerArtifacts.DockerAsync([.. alias, .. OldMigrate]);
        Assert.True(migrate.ExitCode == 0, migrate.Output);
        await AssertMigratedAsync(scenario.Mas);
        MigrateRun.AssertNoSecrets(scenario, advisor.Stdout, advisor.Stderr, migrate.Stdout, migrate.Stderr);
    }

    /// <summary>The earlier tool's advisor, as the user story ran it.</summary>
    private static readonly string[] OldAdvisor = ["--command", "advisor", "--synapseConfigFile", "/homeserver.yaml"];

    private static readonly string[] OldMasOptions =
        ["--masConfigFile", "/mas.yaml", "--upstreamProviderMapping", $"oidc:{MixedRows.LegacyProviderUlid}"];

    /// <summary>The earlier tool's migrate flags, as the user story ran them.</summary>
    private static readonly string[] OldMigrate = ["--command", "migrate", "--synapseConfigFile", "/homeserver.yaml", .. OldMasOptions];

    /// <summary>
    /// <c>docker run --rm --network host -v …/homeserver.yaml:/homeserver.yaml -v …/synapse:/data:ro
    /// -v …/mas/config.yaml:/mas.yaml IMAGE</c>.
    /// </summary>
    private string[] Alias(string homeserverYaml, string synapseFolder, string masYaml) =>
    [
        "run", "--rm", "--network", "host", "--label", $"{PostgresServer.ContainerLabel}=true",
        "-v", $"{homeserverYaml}:/homeserver.yaml",
        "-v", $"{synapseFolder}:/data:ro",
        "-v", $"{masYaml}:/mas.yaml",
        artifacts.Image,
    ];

    /// <summary>The scenario's homeserver.yaml with the database where the container sees it, <c>/data/homeserver.db</c>.</summary>
    private static string WriteContainerHomeserverYaml(AdvisorScenario scenario, string path)
    {
        var text = File.ReadAllText(scenario.SynapseConfigPath);
        Assert.Contains(scenario.Sqlite!.Path, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(scenario.Sqlite.Path, "/data/homeserver.db", StringComparison.Ordinal));
        return path;
    }

    private static async Task AssertMigratedAsync(TestDatabase mas)
    {
        await using var connection = await mas.OpenAsync();
        var startedAt = new DateTimeOffset(await connection.QuerySingleAsync<DateTime>("SELECT created_at FROM users WHERE username = 'nullts'"));
        MasRows.AssertEqual("users", MixedRows.Users, await MasRows.ReadAsync(mas,
            "SELECT username, created_at, locked_at, deactivated_at, can_request_admin, is_guest FROM users", startedAt));
        Assert.Equal(MixedRows.UserPasswords.Length, await CountAsync(mas, "user_passwords"));
        Assert.Equal(MixedRows.UpstreamOauthLinks.Length, await CountAsync(mas, "upstream_oauth_links"));
        Assert.Equal(MixedRows.CompatSessions.Length, await CountAsync(mas, "compat_sessions"));
        Assert.Equal(MixedRows.CompatAccessTokens.Length, await CountAsync(mas, "compat_access_tokens"));
        Assert.Equal(MixedRows.CompatRefreshTokens.Length, await CountAsync(mas, "compat_refresh_tokens"));
    }

    private static async Task<long> CountAsync(TestDatabase mas, string table)
    {
        await using var connection = await mas.OpenAsync();
        return await connection.QuerySingleAsync<long>($"SELECT count(*) FROM {table}");
    }
}
