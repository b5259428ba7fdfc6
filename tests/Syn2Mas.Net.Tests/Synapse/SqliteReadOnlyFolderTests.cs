using Microsoft.Data.Sqlite;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Databases;
using Syn2Mas.Net.Synapse;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Synapse;

/// <summary>
/// Synapse's SQLite file in a folder the tool cannot write to, as with a read-only container mount
/// (<see cref="ImmutableFolder"/>).
/// </summary>
public sealed class SqliteReadOnlyFolderTests
{
    private const string Users = """
        INSERT INTO users (name, creation_ts) VALUES ('@b:example.com', 2), ('@a:example.com', 1);
        INSERT INTO devices (user_id, device_id) VALUES ('@a:example.com', 'D1');
        """;

    private static async Task<IReadOnlyList<string>> UserNamesAsync(SynapseSource source) =>
        (await source.QueryAsync<string>("SELECT name FROM users ORDER BY name")).ToList();

    [Fact]
    public async Task A_writable_folder_is_opened_the_usual_way()
    {
        using var database = SqliteTestDatabase.Create(RepoPaths.Fixture("synapse", "sqlite", "schema-94.sql"));
        database.Execute(Users);

        await using var source = await SynapseSource.OpenAsync(new SynapseSqliteDatabase(database.Path), SynapseLockMode.Exclusive);

        Assert.False(source.OpenedImmutable);
        Assert.Equal(["@a:example.com", "@b:example.com"], await UserNamesAsync(source));
    }

    [Fact]
    public async Task A_read_only_folder_falls_back_to_immutable_and_says_so()
    {
        using var folder = new TempFolder();
        var odd = Path.Combine(folder.Path, "synapse data #1?%20 \u00FC");
        Directory.CreateDirectory(odd);
        using var database = SqliteTestDatabase.Create(RepoPaths.Fixture("synapse", "sqlite", "schema-94.sql"));
        database.Execute(Users);
        var path = Path.Combine(odd, "homeserver.db");
        File.Copy(database.Path, path);
        var before = Directory.GetFiles(odd);
        Assert.Equal([path], before);

        using (ImmutableFolder.Make(odd))
        {
            await using var source = await SynapseSource.OpenAsync(new SynapseSqliteDatabase(path), SynapseLockMode.Exclusive);

            Assert.True(source.OpenedImmutable);
            Assert.Equal($"SQLite {path}", source.Description);
            Assert.Equal(94, source.Schema.Version);
            Assert.Equal(["@a:example.com", "@b:example.com"], await UserNamesAsync(source));
            Assert.Equal(["D1"], await source.QueryAsync<string>("SELECT device_id FROM devices"));
        }

        Assert.Equal(before, Directory.GetFiles(odd));
    }

    [Fact]
    public async Task A_read_only_folder_with_changes_waiting_in_the_wal_is_refused_rather_than_read_without_them()
    {
        using var folder = new TempFolder();
        using var database = SqliteTestDatabase.Create(RepoPaths.Fixture("synapse", "sqlite", "schema-94.sql"));
        database.Execute(Users);

        // Copy the file while a connection holds the WAL open with a change in it, as a crashed or running
        // Synapse leaves it, but without the -shm file, which a read-only folder cannot get.
        using (var synapse = database.Open())
        {
            using var command = synapse.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); INSERT INTO users (name, creation_ts) VALUES ('@c:example.com', 3);";
            command.ExecuteNonQuery();
            File.Copy(database.Path, folder.File("homeserver.db"));
            File.Copy(database.Path + "-wal", folder.File("homeserver.db-wal"));
        }

        Assert.True(new FileInfo(folder.File("homeserver.db-wal")).Length > 0);
        using (ImmutableFolder.Make(folder.Path))
        {
            var refused = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => SynapseSource.OpenAsync(new SynapseSqliteDatabase(folder.File("homeserver.db"))));

            Assert.Contains("homeserver.db-wal holds changes not yet written into the database file", refused.Message, StringComparison.Ordinal);
            Assert.Contains("stop Synapse", refused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', refused.Message);
            Assert.Equal(14, Assert.IsType<SqliteException>(refused.InnerException).SqliteErrorCode);
        }

        // The same files in a writable folder hold the change that immutable=1 would have missed.
        await using var writable = await SynapseSource.OpenAsync(new SynapseSqliteDatabase(folder.File("homeserver.db")));
        Assert.Equal(["@a:example.com", "@b:example.com", "@c:example.com"], await UserNamesAsync(writable));
    }

    [Fact]
    public async Task A_read_only_folder_that_already_has_the_shm_file_is_read_the_usual_way_with_the_wal()
    {
        using var folder = new TempFolder();
        using var database = SqliteTestDatabase.Create(RepoPaths.Fixture("synapse", "sqlite", "schema-94.sql"));
        database.Execute(Users);
        using (var synapse = database.Open())
        {
            using var command = synapse.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); INSERT INTO users (name, creation_ts) VALUES ('@c:example.com', 3);";
            command.ExecuteNonQuery();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Copy(database.Path + suffix, folder.File("homeserver.db" + suffix));
            }
        }

        using (ImmutableFolder.Make(folder.Path))
        {
            await using var source = await SynapseSource.OpenAsync(new SynapseSqliteDatabase(folder.File("homeserver.db")));

            Assert.False(source.OpenedImmutable);
            Assert.Equal(["@a:example.com", "@b:example.com", "@c:example.com"], await UserNamesAsync(source));
        }
    }
}
