using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Configuration;

/// <summary>
/// behaviour.md "Synapse configuration", <c>database</c> with <c>name: sqlite3</c>: a relative SQLite path is
/// resolved against the folder of the config file that set it; <c>--synapse-database-uri</c> may name a file.
/// </summary>
public sealed class SynapseSqliteDatabaseTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_relative_sqlite_path_resolves_against_the_folder_of_the_file_that_set_database_not_the_file_that_set_server_name()
    {
        var main = _folder.Write("etc/matrix/homeserver.yaml", "server_name: example.com\n");
        var database = _folder.Write("conf.d/database/database.yaml", """
            database:
              name: sqlite3
              args:
                database: data/homeserver.db
            """);
        var expected = Path.Combine(_folder.Path, "conf.d", "database", "data", "homeserver.db");

        // Whichever order the files come in, the path belongs to the file that holds `database`.
        var databaseLast = Assert.IsType<SynapseSqliteDatabase>(SynapseConfigLoader.Load([main, database]).Database);
        var databaseFirst = Assert.IsType<SynapseSqliteDatabase>(SynapseConfigLoader.Load([database, main]).Database);

        Assert.Equal(expected, databaseLast.Path);
        Assert.Equal(expected, databaseFirst.Path);
    }

    [Fact]
    public void A_relative_sqlite_path_going_up_a_folder_is_normalised()
    {
        var file = _folder.Write("config/homeserver.yaml", """
            server_name: example.com
            database:
              name: sqlite3
              args:
                database: ../data/homeserver.db
            """);

        var sqlite = Assert.IsType<SynapseSqliteDatabase>(SynapseConfigLoader.Load([file]).Database);

        Assert.Equal(Path.Combine(_folder.Path, "data", "homeserver.db"), sqlite.Path);
    }

    [Fact]
    public void An_absolute_sqlite_path_is_kept_as_given()
    {
        var file = _folder.Write("config/homeserver.yaml", """
            server_name: example.com
            database:
              name: sqlite3
              args:
                database: /var/lib/matrix-synapse/homeserver.db
            """);

        var sqlite = Assert.IsType<SynapseSqliteDatabase>(SynapseConfigLoader.Load([file]).Database);

        Assert.Equal("/var/lib/matrix-synapse/homeserver.db", sqlite.Path);
    }

    [Fact]
    public void A_missing_database_section_means_homeserver_db_beside_the_config_file()
    {
        var file = _folder.Write("config/homeserver.yaml", "server_name: example.com\n");

        var sqlite = Assert.IsType<SynapseSqliteDatabase>(SynapseConfigLoader.Load([file]).Database);

        Assert.Equal(Path.Combine(_folder.Path, "config", "homeserver.db"), sqlite.Path);
    }

    [Theory]
    [InlineData("database:\n")]
    [InlineData("database: ~\n")]
    [InlineData("database:\n  name: sqlite3\n")]
    [InlineData("database:\n  name: sqlite3\n  args:\n")]
    [InlineData("database:\n  name: sqlite3\n  args:\n    cp_min: 1\n")]
    public void An_empty_database_section_or_one_without_a_path_means_homeserver_db_beside_the_file_that_gave_it(string databaseSection)
    {
        var database = _folder.Write("a/database.yaml", databaseSection);
        var main = _folder.Write("b/homeserver.yaml", "server_name: example.com\n");

        var sqlite = Assert.IsType<SynapseSqliteDatabase>(SynapseConfigLoader.Load([database, main]).Database);

        Assert.Equal(Path.Combine(_folder.Path, "a", "homeserver.db"), sqlite.Path);
    }

    [Fact]
    public void A_synapse_database_uri_naming_a_sqlite_file_replaces_the_configured_section()
    {
        var file = _folder.Write("homeserver.yaml", """
            server_name: example.com
            database:
              name: psycopg2
              args:
                user: synapse
                password: hunter2-not-used
                dbname: synapse
            """);
        var copy = _folder.File("copies/homeserver-copy.db");

        var sqlite = Assert.IsType<SynapseSqliteDatabase>(SynapseConfigLoader.Load([file], copy).Database);

        Assert.Equal(copy, sqlite.Path);
    }

    [Fact]
    public void A_relative_sqlite_override_is_made_absolute()
    {
        var file = _folder.Write("homeserver.yaml", "server_name: example.com\n");

        var sqlite = Assert.IsType<SynapseSqliteDatabase>(SynapseConfigLoader.Load([file], "copies/homeserver.db").Database);

        Assert.True(Path.IsPathFullyQualified(sqlite.Path));
        Assert.EndsWith(Path.Combine("copies", "homeserver.db"), sqlite.Path, StringComparison.Ordinal);
    }
}
