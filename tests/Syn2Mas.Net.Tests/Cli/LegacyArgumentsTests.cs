using Syn2Mas.Cli;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Cli;

/// <summary>
/// behaviour.md "What the migration does": the TypeScript tool's spelling (<c>--command advisor|migrate</c>,
/// <c>--synapseConfigFile</c>, <c>--masConfigFile</c>, <c>--upstreamProviderMapping</c>, <c>--dryRun</c>)
/// keeps working.
/// </summary>
public sealed class LegacyArgumentsTests
{
    [Fact]
    public void The_full_legacy_migrate_command_is_rewritten()
    {
        var normalized = LegacyArguments.Normalize(
            ["--command", "migrate", "--synapseConfigFile", "a", "--masConfigFile", "b", "--upstreamProviderMapping", "x:y", "--dryRun", "true"]);

        Assert.Equal(
            ["migrate", "--synapse-config", "a", "--mas-config", "b", "--upstream-provider-mapping", "x:y", "--dry-run"],
            normalized);
    }

    [Fact]
    public void The_legacy_advisor_command_is_rewritten()
    {
        var normalized = LegacyArguments.Normalize(["--command", "advisor", "--synapseConfigFile", "homeserver.yaml"]);

        Assert.Equal(["advisor", "--synapse-config", "homeserver.yaml"], normalized);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("False")]
    public void DryRun_false_drops_the_flag(string value)
    {
        var normalized = LegacyArguments.Normalize(["--command", "migrate", "--dryRun", value, "--synapseConfigFile", "a"]);

        Assert.Equal(["migrate", "--synapse-config", "a"], normalized);
    }

    [Fact]
    public void DryRun_equals_false_drops_the_flag()
    {
        Assert.Equal(["migrate"], LegacyArguments.Normalize(["--command=migrate", "--dryRun=false"]));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    public void DryRun_true_keeps_the_flag(string value)
    {
        Assert.Equal(["migrate", "--dry-run"], LegacyArguments.Normalize(["--command", "migrate", "--dryRun", value]));
    }

    [Fact]
    public void A_bare_dry_run_keeps_the_flag_at_the_end_or_before_another_option()
    {
        var atEnd = LegacyArguments.Normalize(["--command", "migrate", "--synapseConfigFile", "a", "--dryRun"]);
        var beforeOption = LegacyArguments.Normalize(["--command", "migrate", "--dryRun", "--synapseConfigFile", "a"]);

        Assert.Equal(["migrate", "--synapse-config", "a", "--dry-run"], atEnd);
        Assert.Equal(["migrate", "--dry-run", "--synapse-config", "a"], beforeOption);
    }

    [Fact]
    public void Inline_option_values_are_kept_under_the_new_names()
    {
        var normalized = LegacyArguments.Normalize(
            ["--command=advisor", "--synapseConfigFile=a", "--masConfigFile=b", "--upstreamProviderMapping=x:y"]);

        Assert.Equal(["advisor", "--synapse-config=a", "--mas-config=b", "--upstream-provider-mapping=x:y"], normalized);
    }

    [Fact]
    public void Arguments_in_the_new_spelling_pass_through_unchanged()
    {
        string[] args = ["migrate", "--synapse-config", "a", "--mas-config=b", "--dry-run", "--upstream-provider-mapping", "x:y"];

        Assert.Equal(args, LegacyArguments.Normalize(args));
    }

    [Fact]
    public async Task The_legacy_inline_spelling_reaches_the_synapse_config_option()
    {
        using var folder = new TempFolder();
        var missing = folder.File("legacy/homeserver.yaml");

        var run = await CliRun.RunAsync("--command", "advisor", $"--synapseConfigFile={missing}", "--dryRun", "false");

        // The file reached --synapse-config: loading it is what fails, not parsing the command line.
        Assert.Equal(ExitCodes.BadUsage, run.ExitCode);
        Assert.StartsWith("error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains(missing, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_legacy_migrate_spelling_with_dry_run_parses()
    {
        using var folder = new TempFolder();
        var missing = folder.File("legacy/homeserver.yaml");
        var mas = folder.File("legacy/mas.yaml");

        var run = await CliRun.RunAsync(
            "--command", "migrate", "--synapseConfigFile", missing, "--masConfigFile", mas, "--dryRun", "true");

        Assert.Equal(ExitCodes.BadUsage, run.ExitCode);
        Assert.Contains(missing, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unrecognized", run.Stderr, StringComparison.OrdinalIgnoreCase);
    }
}
