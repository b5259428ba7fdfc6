using Syn2Mas.Net.Mas;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Verification;

/// <summary>
/// MAS's reader reads each table on a connection of its own: every one of them must see the snapshot the
/// reader's transaction took at its first query, not what was committed since.
/// </summary>
public sealed class MasReaderSnapshotTests
{
    private const string AliceId = "0190a1b2-0000-7000-8000-00000000a11c";

    [Fact]
    public async Task Rows_committed_after_the_readers_first_query_are_in_no_table_it_reads()
    {
        await using var database = await MasTestDatabase.CleanMasAsync();
        await MasTestDatabase.ExecuteAsync(database, $"INSERT INTO users (user_id, username, created_at) VALUES ('{AliceId}', 'alice', now())");

        await using var reader = await MasReader.OpenAsync(database.Settings, "example.com");
        Assert.NotNull(await reader.SchemaVersionAsync());
        await MasTestDatabase.ExecuteAsync(database, $"""
            INSERT INTO users (user_id, username, created_at) VALUES (gen_random_uuid(), 'bob', now());
            INSERT INTO user_emails (user_email_id, user_id, email, created_at) VALUES (gen_random_uuid(), '{AliceId}', 'alice@example.com', now());
            """);

        var read = new List<MasUserRows>();
        await foreach (var user in reader.ReadByUserAsync())
        {
            read.Add(user);
        }

        var alice = Assert.Single(read);
        Assert.Equal("@alice:example.com", alice.UserId);
        Assert.NotNull(alice.User);
        Assert.Empty(alice.Emails);
    }
}
