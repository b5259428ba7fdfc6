using Npgsql;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Configuration;

/// <summary>
/// PGPASSWORD and the password file, by libpq's rules, against a server that asks for a password on
/// 127.0.0.1. The environment is handed in, so that these tests never change the test process's own.
/// </summary>
[Collection(TlsPostgresGroup.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PostgresPasswordTests(TlsPostgresServer server) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_matching_line_of_a_private_password_file_logs_in()
    {
        var file = PasswordFile($"127.0.0.1:{server.MainPort}:postgres:postgres:{Escape(server.Password)}\n");
        var warnings = new List<string>();

        var settings = PostgresPassword.Resolve(WithoutPassword(server.Main), warnings, Environment(("PGPASSFILE", file)));

        Assert.Empty(warnings);
        Assert.Equal(1, await SelectOneAsync(settings));
    }

    [Fact]
    public async Task A_password_file_others_may_read_is_ignored_with_a_warning_and_the_login_fails()
    {
        var file = PasswordFile($"*:*:*:*:{server.Password}\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var warnings = new List<string>();

        var settings = PostgresPassword.Resolve(WithoutPassword(server.Main), warnings, Environment(("PGPASSFILE", file)));

        var warning = Assert.Single(warnings);
        Assert.Contains(file, warning, StringComparison.Ordinal);
        Assert.Contains("chmod 600", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Password, warning, StringComparison.Ordinal);
        Assert.Null(settings.Password);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => SelectOneAsync(settings));
    }

    [Fact]
    public async Task Pgpassword_is_used_before_the_file_and_a_configured_password_before_both()
    {
        var file = PasswordFile("*:*:*:*:from-the-file\n");
        var environment = Environment(("PGPASSFILE", file), ("PGPASSWORD", server.Password));

        var fromVariable = PostgresPassword.Resolve(WithoutPassword(server.Main), [], environment);
        var configured = PostgresPassword.Resolve(server.Main.WithPassword("configured"), [], environment);

        Assert.Equal(1, await SelectOneAsync(fromVariable));
        Assert.Equal("configured", configured.Password);
    }

    [Fact]
    public void The_home_password_file_is_read_when_pgpassfile_is_not_set()
    {
        var home = Directory.CreateDirectory(_folder.File("home")).FullName;
        var file = Path.Combine(home, ".pgpass");
        File.WriteAllText(file, "db.example:5432:synapse:synapse_user:from-home\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var settings = PostgresPassword.Resolve(Target("db.example", 5432, "synapse", "synapse_user"), [], Environment(("HOME", home)));

        Assert.Equal("from-home", settings.Password);
    }

    [Theory]
    [InlineData("db.example", 5432, "synapse", "synapse_user", "exact")]
    [InlineData("other.example", 5432, "synapse", "synapse_user", "any-host")]
    [InlineData("db.example", 6543, "synapse", "synapse_user", "any-port")]
    [InlineData("db.example", 5432, "mas", "mas_user", "any-database-of-mas_user")]
    [InlineData("db:colon", 5432, "x", "back\\slash", "escaped")]
    [InlineData("/var/run/postgresql", 5432, "local", "local_user", "socket-as-localhost")]
    public void Lines_match_by_libpqs_rules_first_match_winning(string host, int port, string database, string user, string expected)
    {
        var file = PasswordFile("""
            # a comment, then lines in the order libpq tries them

            db.example:5432:synapse:synapse_user:exact
            *:5432:synapse:synapse_user:any-host
            db.example:*:synapse:synapse_user:any-port
            db.example:5432:*:mas_user:any-database-of-mas_user
            db\:colon:5432:x:back\\slash:escaped
            localhost:5432:local:local_user:socket-as-localhost
            db.example:5432:synapse:synapse_user:never-reached
            """);

        var settings = PostgresPassword.Resolve(Target(host, port, database, user), [], Environment(("PGPASSFILE", file)));

        Assert.Equal(expected, settings.Password);
    }

    [Fact]
    public void An_escaped_colon_and_backslash_in_the_password_are_undone_and_a_line_without_a_password_field_never_matches()
    {
        var file = PasswordFile("db.example:5432:short:short_user\n*:*:*:pw_user:p\\:a\\\\ss:ignored\n");

        Assert.Null(PostgresPassword.Resolve(Target("db.example", 5432, "short", "short_user"), [], Environment(("PGPASSFILE", file))).Password);
        Assert.Equal("p:a\\ss", PostgresPassword.Resolve(Target("db.example", 5432, "x", "pw_user"), [], Environment(("PGPASSFILE", file))).Password);
    }

    [Fact]
    public void The_database_defaults_to_the_user_name()
    {
        var file = PasswordFile("db.example:5432:alice:alice:by-user-name\n");
        var target = new PostgresConnectionSettings { Host = "db.example", Username = "alice" };

        Assert.Equal("by-user-name", PostgresPassword.Resolve(target, [], Environment(("PGPASSFILE", file))).Password);
    }

    private string PasswordFile(string contents, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        var file = _folder.Write($"pgpass-{Guid.NewGuid():N}", contents);
        File.SetUnixFileMode(file, mode);
        return file;
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(":", "\\:", StringComparison.Ordinal);

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(variable => variable.Name == name).Value;

    private static PostgresConnectionSettings Target(string host, int port, string database, string user) =>
        new() { Host = host, Port = port, Database = database, Username = user };

    private static PostgresConnectionSettings WithoutPassword(PostgresConnectionSettings settings) => settings.WithPassword(null);

    private static async Task<int> SelectOneAsync(PostgresConnectionSettings settings)
    {
        await using var dataSource = settings.CreateDataSource("syn2mas-net-tests");
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
