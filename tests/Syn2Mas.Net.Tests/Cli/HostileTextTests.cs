using Syn2Mas.Cli;
using Syn2Mas.Net.Tests.Infrastructure;
using Syn2Mas.Net.Tests.Migration;

namespace Syn2Mas.Net.Tests.Cli;

/// <summary>
/// Values planted in Synapse's database reach the messages (an auth_provider, a user id, a device) but
/// never the terminal as control characters: every line the command line prints is escaped at the door.
/// </summary>
public sealed class HostileTextTests
{
    /// <summary>Clear the screen, set the window title, and reverse the rest of the line.</summary>
    private const string Planted = "\u001b[2J\u001b]0;pwned\u0007\u202Eoidc-evil";

    private const string Escaped = "\\u001b[2J\\u001b]0;pwned\\u0007\\u202eoidc-evil";

    private static string Rows(string dialect)
    {
        // SQLite and PostgreSQL spell a character by its code differently.
        var chr = dialect == "sqlite" ? "char" : "chr";
        var planted = $"{chr}(27) || '[2J' || {chr}(27) || ']0;pwned' || {chr}(7) || {chr}(8238) || 'oidc-evil'";
        return AdvisorScenario.HealthyRows + $"""
            INSERT INTO user_external_ids (auth_provider, external_id, user_id) VALUES ({planted}, 'sub', '@alice:example.com');
            INSERT INTO user_threepids (user_id, medium, address, validated_at, added_at) VALUES ({planted}, 'email', 'x@example.com', 1, 1);
            """;
    }

    private static void AssertSafe(string text)
    {
        Assert.DoesNotContain(text, c => c != '\n' && Net.Reporting.PrintableText.IsUnsafe(c));
    }

    [Theory]
    [MemberData(nameof(MigrateRun.Dialects), MemberType = typeof(MigrateRun))]
    public async Task Advisor_and_migrate_print_planted_escape_sequences_escaped(string dialect)
    {
        await using var scenario = await AdvisorScenario.CreateAsync(dialect, Rows(dialect));

        var advisor = await CliRun.RunAsync("advisor", "--synapse-config", scenario.SynapseConfigPath, "--mas-config", scenario.MasConfigPath);
        var migrate = await MigrateRun.RunAsync(scenario);

        Assert.True(advisor.ExitCode == 10, advisor.Stdout + advisor.Stderr);
        Assert.Contains($"auth_provider `{Escaped}`", advisor.Stdout, StringComparison.Ordinal);
        Assert.Contains(Escaped, advisor.Stdout, StringComparison.Ordinal);
        Assert.True(migrate.ExitCode == 10, migrate.Stdout + migrate.Stderr);
        Assert.Contains(Escaped, migrate.Stdout, StringComparison.Ordinal);
        foreach (var text in new[] { advisor.Stdout, advisor.Stderr, migrate.Stdout, migrate.Stderr })
        {
            AssertSafe(text);
        }
    }

    [Fact]
    public async Task The_real_command_line_escapes_them_too()
    {
        await using var scenario = await AdvisorScenario.CreateAsync("sqlite", Rows("sqlite"));

        await using var process = CliProcess.Start("advisor", "--synapse-config", scenario.SynapseConfigPath, "--mas-config", scenario.MasConfigPath);
        var (exitCode, stdout, stderr) = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 10, stdout + stderr);
        Assert.Contains($"auth_provider `{Escaped}`", stdout, StringComparison.Ordinal);
        AssertSafe(stdout);
        AssertSafe(stderr);
    }

    [Fact]
    public void A_plain_writer_escapes_every_control_character_colour_included()
    {
        using var inner = new StringWriter();
        var safe = TerminalSafeWriter.Wrap(inner);

        safe.WriteLine($"a\tb\r\u0085\u001b[31mred\u001b[0m {Planted}");

        // A StringWriter is never a styled terminal: even colour is escaped.
        Assert.Equal($"a\\u0009b\\u000d\\u0085\\u001b[31mred\\u001b[0m {Escaped}\n", inner.ToString());
    }
}
