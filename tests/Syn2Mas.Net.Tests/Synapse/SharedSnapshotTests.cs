using Microsoft.Data.Sqlite;
using Syn2Mas.Net.Configuration;

namespace Syn2Mas.Net.Tests.Synapse;

/// <summary>
/// The data checks run on a second connection beside the copy: they must judge exactly the rows the copy
/// reads, even when Synapse commits something in between, or not run there at all.
/// </summary>
public sealed class SharedSnapshotTests
{
    private const string Early = "INSERT INTO users (name, creation_ts) VALUES ('@early:example.com', 1);";
    private const string Late = "INSERT INTO users (name, creation_ts) VALUES ('@late:example.com', 2);";

    [Fact]
    public async Task Postgres_exports_the_snapshot_so_a_later_commit_stays_unseen()
    {
        await using var database = await SynapseFixtureDatabase.CreatePostgresAsync(Early);
        await using var source = await database.OpenAsync();
        Assert.Equal(1, await source.QuerySingleAsync<long>("SELECT count(*) FROM users"));
        await database.ExecuteAsync(Late);

        await using var second = await source.ShareSnapshotAsync(CancellationToken.None);

        Assert.NotNull(second);
        Assert.Equal(["@early:example.com"], await second.QueryAsync<string>("SELECT name FROM users"));
        Assert.Equal(source.SnapshotTime, second.SnapshotTime);
        Assert.Equal(source.Description, second.Description);
    }

    [Fact]
    public async Task Sqlite_hands_over_a_snapshot_that_lies_in_the_wal_so_a_later_commit_stays_unseen()
    {
        await using var database = SynapseFixtureDatabase.CreateSqlite(null);

        // An open connection keeps the last one to close from checkpointing: the rows stay in the WAL.
        await using var writer = new SqliteConnection($"Data Source={((SynapseSqliteDatabase)database.Database).Path};Pooling=false");
        await writer.OpenAsync();
        await using (var read = writer.CreateCommand())
        {
            read.CommandText = "PRAGMA schema_version";
            await read.ExecuteScalarAsync();
        }

        await database.ExecuteAsync(Early);
        await using var source = await database.OpenAsync();
        Assert.Equal(1, await source.QuerySingleAsync<long>("SELECT count(*) FROM users"));
        await database.ExecuteAsync(Late);

        await using var second = await source.ShareSnapshotAsync(CancellationToken.None);

        Assert.NotNull(second);
        Assert.Equal(["@early:example.com"], await second.QueryAsync<string>("SELECT name FROM users"));
    }

    [Fact]
    public async Task Sqlite_read_from_the_file_alone_is_shared_while_nothing_is_committed_and_refused_after_a_commit()
    {
        await using var database = SynapseFixtureDatabase.CreateSqlite(Early);
        await using var source = await database.OpenAsync();
        Assert.Equal(1, await source.QuerySingleAsync<long>("SELECT count(*) FROM users"));

        await using (var unchanged = await source.ShareSnapshotAsync(CancellationToken.None))
        {
            Assert.NotNull(unchanged);
            Assert.Equal(["@early:example.com"], await unchanged.QueryAsync<string>("SELECT name FROM users"));
        }

        await database.ExecuteAsync(Late);
        Assert.Null(await source.ShareSnapshotAsync(CancellationToken.None));
    }
}
