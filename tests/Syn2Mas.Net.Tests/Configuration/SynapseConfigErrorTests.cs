using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Configuration;

/// <summary>
/// Bad Synapse configuration: each is a <see cref="ConfigurationException"/> with a one-line message naming the
/// file (with line:column when the YAML node is known) and the key, and never a secret from the file
/// (behaviour.md "Safety rules": secrets never appear in error messages).
/// </summary>
public sealed class SynapseConfigErrorTests : IDisposable
{
    private const string Pepper = "pepper-never-shown-4f1d";
    private const string DbPassword = "db-password-never-shown-93c2";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static ConfigurationException LoadFails(params string[] paths) =>
        ConfigurationAssert.Throws(() => SynapseConfigLoader.Load(paths));

    [Fact]
    public void A_missing_file_is_named()
    {
        var missing = _folder.File("nowhere/homeserver.yaml");

        var exception = LoadFails(missing);

        ConfigurationAssert.Names(exception, missing, key: null);
        Assert.Contains("no such file", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_after_a_good_one_is_the_one_named()
    {
        var good = _folder.Write("homeserver.yaml", $"server_name: example.com\npassword_config:\n  pepper: {Pepper}\n");
        var missing = _folder.File("extra.yaml");

        var exception = LoadFails(good, missing);

        ConfigurationAssert.Names(exception, missing, key: null, Pepper);
        Assert.DoesNotContain(good, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_given_as_the_config_file_cannot_be_read_and_is_named()
    {
        var folder = Path.Combine(_folder.Path, "homeserver.yaml");
        Directory.CreateDirectory(folder);

        var exception = LoadFails(folder);

        ConfigurationAssert.Names(exception, folder, key: null);
        Assert.Contains("folder", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("permission", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_yaml_syntax_error_from_an_unterminated_quote_names_file_line_and_column_but_not_the_secret()
    {
        var file = _folder.Write("homeserver.yaml", $"""
            server_name: example.com
            password_config:
              pepper: "{Pepper}
            database:
              name: sqlite3
            """);

        var exception = LoadFails(file);

        ConfigurationAssert.Names(exception, ConfigurationAssert.At(file, 3, 11), key: null, Pepper);
        Assert.Contains("YAML", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_yaml_syntax_error_from_bad_indentation_names_file_line_and_column_but_not_the_secret()
    {
        var file = _folder.Write("homeserver.yaml", $"""
            server_name: example.com
            database:
              name: psycopg2
              args:
                password: "{DbPassword}"
               user: synapse
            """);

        var exception = LoadFails(file);

        ConfigurationAssert.Names(exception, ConfigurationAssert.At(file, 6, 4), key: null, DbPassword);
    }

    [Fact]
    public void A_list_where_a_boolean_belongs_names_the_key_and_its_position()
    {
        var file = _folder.Write("homeserver.yaml", $"""
            server_name: example.com
            allow_guest_access:
              - yes
            password_config:
              pepper: "{Pepper}"
            """);

        var exception = LoadFails(file);

        ConfigurationAssert.Names(exception, ConfigurationAssert.At(file, 3, 3), "`allow_guest_access`", Pepper);
    }

    [Fact]
    public void A_word_where_a_boolean_belongs_names_the_key_and_does_not_echo_the_word()
    {
        var file = _folder.Write("homeserver.yaml", $"""
            server_name: example.com
            enable_registration: {Pepper}
            """);

        var exception = LoadFails(file);

        ConfigurationAssert.Names(exception, ConfigurationAssert.At(file, 2, 22), "`enable_registration`", Pepper);
    }

    [Fact]
    public void A_port_that_is_not_a_number_names_the_key_and_its_position()
    {
        var file = _folder.Write("homeserver.yaml", $"""
            server_name: example.com
            database:
              name: psycopg2
              args:
                dbname: synapse
                password: "{DbPassword}"
                port: abc
            """);

        var exception = LoadFails(file);

        ConfigurationAssert.Names(exception, ConfigurationAssert.At(file, 7, 11), "`database.args.port`", DbPassword);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("-1")]
    [InlineData("54.32")]
    public void A_port_out_of_range_is_an_error(string port)
    {
        var file = _folder.Write("homeserver.yaml", $"""
            server_name: example.com
            database:
              name: psycopg2
              args:
                port: {port}
            """);

        var exception = LoadFails(file);

        ConfigurationAssert.Names(exception, ConfigurationAssert.At(file, 5, 11), "`database.args.port`");
    }

    [Fact]
    public void A_mapping_where_server_name_belongs_names_the_key_and_its_position()
    {
        var file = _folder.Write("homeserver.yaml", $"""
            server_name:
              host: example.com
            password_config:
              pepper: "{Pepper}"
            """);

        var exception = LoadFails(file);

        ConfigurationAssert.Names(exception, ConfigurationAssert.At(file, 2, 3), "`server_name`", Pepper);
    }

    [Fact]
    public void A_scalar_where_a_section_belongs_names_the_section()
    {
        var file = _folder.Write("homeserver.yaml", """
            server_name: example.com
            password_config: enabled
            """);

        var exception = LoadFails(file);

        ConfigurationAssert.Names(exception, ConfigurationAssert.At(file, 2, 18), "`password_config`");
    }

    [Fact]
    public void A_missing_server_name_names_the_key_and_the_file()
    {
        var file = _folder.Write("homeserver.yaml", $"""
            database:
              name: sqlite3
            password_config:
              pepper: "{Pepper}"
            """);

        var exception = LoadFails(file);

        ConfigurationAssert.Names(exception, file, "`server_name`", Pepper);
    }

    [Fact]
    public void An_empty_server_name_counts_as_missing()
    {
        var file = _folder.Write("homeserver.yaml", "server_name:\n");

        var exception = LoadFails(file);

        ConfigurationAssert.Names(exception, file, "`server_name`");
    }

    [Fact]
    public void An_unknown_database_driver_names_the_key_and_its_position()
    {
        var file = _folder.Write("homeserver.yaml", $"""
            server_name: example.com
            database:
              name: mysql
              args:
                password: "{DbPassword}"
            """);

        var exception = LoadFails(file);

        ConfigurationAssert.Names(exception, ConfigurationAssert.At(file, 3, 9), "`database.name`", DbPassword);
    }

    [Fact]
    public void Both_database_and_dbname_name_both_keys_and_the_position()
    {
        var file = _folder.Write("homeserver.yaml", $"""
            server_name: example.com
            database:
              name: psycopg2
              args:
                database: synapse
                dbname: synapse
                password: "{DbPassword}"
            """);

        var exception = LoadFails(file);

        ConfigurationAssert.Names(exception, ConfigurationAssert.At(file, 6, 13), "`database.args.dbname`", DbPassword);
        Assert.Contains("`database.args.database`", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_sslmode_names_the_key_and_its_position_without_echoing_the_value()
    {
        var file = _folder.Write("homeserver.yaml", $"""
            server_name: example.com
            database:
              name: psycopg2
              args:
                dbname: synapse
                sslmode: "{DbPassword}"
                password: "{DbPassword}"
            """);

        var exception = LoadFails(file);

        ConfigurationAssert.Names(exception, ConfigurationAssert.At(file, 6, 14), "`database.args.sslmode`", DbPassword);
    }

    [Fact]
    public void A_file_that_is_not_a_mapping_is_named()
    {
        var file = _folder.Write("homeserver.yaml", """
            - server_name
            - example.com
            """);

        var exception = LoadFails(file);

        ConfigurationAssert.Names(exception, ConfigurationAssert.At(file, 1, 1), key: null);
    }

    [Fact]
    public void No_file_at_all_is_an_error()
    {
        var exception = LoadFails();

        ConfigurationAssert.IsOneLine(exception.Message);
        Assert.Contains("Synapse", exception.Message, StringComparison.Ordinal);
    }
}
