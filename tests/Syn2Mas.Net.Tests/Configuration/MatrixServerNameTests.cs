using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Tests.Cli;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Configuration;

/// <summary><c>server_name</c> against the Matrix specification's server-name grammar.</summary>
public sealed class MatrixServerNameTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("example.com")]
    [InlineData("matrix.example.com:8448")]
    [InlineData("localhost")]
    [InlineData("my-server_1")]
    [InlineData("1.2.3.4")]
    [InlineData("1.2.3.4:1234")]
    [InlineData("[1234:5678::abcd]")]
    [InlineData("[::1]:8448")]
    [InlineData("[::ffff:192.0.2.1]")]
    [InlineData("EXAMPLE.com:1")]
    public void Spec_examples_and_their_kin_are_valid(string name)
    {
        Assert.Equal(!name.Contains('_', StringComparison.Ordinal), MatrixServerName.IsValid(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("example.com:")]
    [InlineData("example.com:123456")]
    [InlineData("example.com:port")]
    [InlineData("::1")]
    [InlineData("[::1")]
    [InlineData("[::g]")]
    [InlineData("[::1]x")]
    [InlineData("exam ple.com")]
    [InlineData("@example.com")]
    [InlineData("example.com/path")]
    [InlineData("https://example.com")]
    [InlineData("b\u00fccher.example")]
    [InlineData("example.com\u001b[2J")]
    public void Anything_else_is_not(string name)
    {
        Assert.False(MatrixServerName.IsValid(name));
    }

    [Fact]
    public void Names_longer_than_255_characters_are_not()
    {
        Assert.True(MatrixServerName.IsValid(new string('a', 255)));
        Assert.False(MatrixServerName.IsValid(new string('a', 256)));
    }

    [Fact]
    public async Task An_invalid_server_name_is_a_configuration_error_naming_file_position_and_value_escaped()
    {
        var config = _folder.Write("homeserver.yaml", "server_name: \"https://matrix.example.com/\\e[2J\"\ndatabase:\n  name: sqlite3\n  args:\n    database: x.db\n");

        var exception = ConfigurationAssert.Throws(() => SynapseConfigLoader.Load([config]));
        var run = await CliRun.RunAsync("advisor", "--synapse-config", config);

        Assert.StartsWith(ConfigurationAssert.At(config, 1, 14) + " `server_name` is `https://matrix.example.com/\\u001b[2J`, which is not a Matrix server name", exception.Message, StringComparison.Ordinal);
        ConfigurationAssert.IsOneLine(exception.Message);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {exception.Message}", Assert.Single(run.StderrLines));
    }
}
