using Npgsql;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Tests.Synapse;

/// <summary>
/// Statements on a PostgreSQL Synapse run as long as they need: the exact counts and scans of the checks on
/// a large server take minutes, and Npgsql's default of 30 seconds would end them with a bare
/// "Exception while reading from stream".
/// </summary>
public sealed class PostgresSynapseSourceTimeoutTests
{
    [Theory]
    [InlineData(nameof(SynapseLockMode.None))]
    [InlineData(nameof(SynapseLockMode.Shared))]
    [InlineData(nameof(SynapseLockMode.Exclusive))]
    public async Task Statements_have_no_client_side_time_limit(string modeName)
    {
        var mode = Enum.Parse<SynapseLockMode>(modeName);
        await using var database = await SynapseFixtureDatabase.CreatePostgresAsync(null);
        await using var source = await database.OpenAsync(mode);

        var connection = Assert.IsType<NpgsqlConnection>(source.Connection);
        Assert.Equal(0, connection.CommandTimeout);
        await using var command = connection.CreateCommand();
        Assert.Equal(0, command.CommandTimeout);
    }
}
