using System.Text;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Tests.Infrastructure;
using Syn2Mas.Net.Tests.Migration;

namespace Syn2Mas.Net.Tests.Configuration;

/// <summary>
/// Configuration files crafted to cost stack, CPU or memory are refused with one line naming the file and
/// the limit, before the YAML becomes objects; real configurations stay far below the limits.
/// </summary>
public sealed class ConfigurationLimitsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Deeply_nested_brackets_end_with_exit_2_and_one_line_not_a_stack_overflow()
    {
        var path = _folder.Write("homeserver.yaml", "server_name: example.com\nx: " + new string('[', 100_000) + "\n");

        await using var process = CliProcess.Start("advisor", "--synapse-config", path);
        var (exitCode, stdout, stderr) = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(2, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(path, line, StringComparison.Ordinal);
        Assert.Contains($"more than {ConfigurationLimits.MaxDepth} levels deep", line, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Fact]
    public void Nesting_just_within_the_limit_is_read()
    {
        var depth = ConfigurationLimits.MaxDepth - 1;
        var path = _folder.Write("homeserver.yaml", "server_name: example.com\nx: " + new string('[', depth) + new string(']', depth) + "\n");

        Assert.Equal("example.com", SynapseConfigLoader.Load([path]).ServerName);
    }

    [Fact]
    public void An_alias_bomb_used_as_a_mapping_key_is_refused_naming_the_limit()
    {
        var bomb = new StringBuilder("server_name: example.com\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 10; i++)
        {
            bomb.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        bomb.Append("? *a9\n: value\n");
        Assert.True(bomb.Length < 2048);
        var path = _folder.Write("config.yaml", bomb.ToString());

        var exception = ConfigurationAssert.Throws(() => MasConfigLoader.Load([path]));

        ConfigurationAssert.Names(exception, path, key: null);
        Assert.Contains("more than 100,000 values", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_few_aliases_as_real_configurations_use_them_are_fine()
    {
        var path = _folder.Write("homeserver.yaml", "server_name: &name example.com\npublic_baseurl: *name\ndatabase: &db {name: sqlite3, args: {database: h.db}}\nother: *db\n");

        Assert.Equal("example.com", SynapseConfigLoader.Load([path]).PublicBaseUrl);
    }

    [Fact]
    public void A_file_larger_than_the_limit_is_refused_without_reading_it_all()
    {
        var path = _folder.File("homeserver.yaml");
        using (var stream = File.Create(path))
        {
            stream.Write("server_name: example.com\n"u8);
            stream.SetLength(50L * 1024 * 1024);
        }

        var exception = ConfigurationAssert.Throws(() => SynapseConfigLoader.Load([path]));

        ConfigurationAssert.Names(exception, path, key: null);
        Assert.Contains("larger than 1 MiB", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_given_as_the_configuration_is_refused_by_size_not_read_forever()
    {
        var exception = ConfigurationAssert.Throws(() => SynapseConfigLoader.Load(["/dev/zero"]));

        Assert.Contains("larger than 1 MiB", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_file_larger_than_the_limit_is_refused_naming_the_key()
    {
        var secret = OneByteTooLarge("db-password");

        var path = _folder.Write("config.yaml", $"database:\n  host: db\n  password_file: {secret}\n");

        var exception = ConfigurationAssert.Throws(() => MasConfigLoader.Load([path]));

        ConfigurationAssert.Names(exception, secret, key: "database.password_file");
        Assert.Contains("larger than 1 MiB", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_root_certificate_file_larger_than_the_limit_is_refused_naming_it()
    {
        var certificate = OneByteTooLarge("ca.pem");

        var path = _folder.Write("homeserver.yaml",
            $"server_name: example.com\ndatabase:\n  name: psycopg2\n  args:\n    host: db\n    sslmode: require\n    sslrootcert: {certificate}\n");

        var exception = ConfigurationAssert.Throws(() => SynapseConfigLoader.Load([path]));

        ConfigurationAssert.Names(exception, certificate, key: null);
        Assert.Contains("larger than 1 MiB", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sample_configurations_are_far_below_every_limit()
    {
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Fixtures, "*.yaml", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            Assert.True(text.Length < ConfigurationLimits.MaxFileBytes / 10, file);
            ConfigurationLimits.CheckYaml(text, file);
        }
    }

    private string OneByteTooLarge(string name)
    {
        var path = _folder.File(name);
        using var stream = File.Create(path);
        stream.SetLength(ConfigurationLimits.MaxFileBytes + 1);
        return path;
    }
}
