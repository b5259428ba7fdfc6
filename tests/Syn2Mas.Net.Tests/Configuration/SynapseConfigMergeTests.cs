using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Configuration;

/// <summary>behaviour.md "Synapse configuration": later files override earlier ones key by key at the top level.</summary>
public sealed class SynapseConfigMergeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_later_file_replaces_a_top_level_section_as_a_whole_so_nested_keys_of_the_earlier_value_vanish()
    {
        var first = _folder.Write("first.yaml", """
            server_name: example.com
            database:
              name: psycopg2
              args:
                user: synapse
                dbname: synapse
                host: db.example
            password_config:
              enabled: false
              pepper: first-file-pepper
            """);
        var second = _folder.Write("second.yaml", """
            database:
              name: sqlite3
            password_config:
              localdb_enabled: false
            """);

        var config = SynapseConfigLoader.Load([first, second]);

        // The second `database` carries no args, and none of the first file's psycopg2 args survive.
        var sqlite = Assert.IsType<SynapseSqliteDatabase>(config.Database);
        Assert.Equal(_folder.File("homeserver.db"), sqlite.Path);

        // `enabled: false` and the pepper lived only in the replaced section: back to the defaults.
        Assert.True(config.PasswordConfig.Enabled);
        Assert.Null(config.PasswordConfig.Pepper);
        Assert.False(config.PasswordConfig.LocalDbEnabled);
    }

    [Fact]
    public void Keys_set_only_in_an_earlier_file_persist()
    {
        var first = _folder.Write("first.yaml", """
            server_name: example.com
            allow_guest_access: true
            public_baseurl: https://matrix.example.com/
            """);
        var second = _folder.Write("second.yaml", """
            enable_registration: true
            """);

        var config = SynapseConfigLoader.Load([first, second]);

        Assert.Equal("example.com", config.ServerName);
        Assert.True(config.AllowGuestAccess);
        Assert.Equal("https://matrix.example.com/", config.PublicBaseUrl);
        Assert.True(config.EnableRegistration);
    }

    [Fact]
    public void The_last_file_to_set_a_key_wins()
    {
        var first = _folder.Write("first.yaml", """
            server_name: first.example
            allow_guest_access: true
            """);
        var second = _folder.Write("second.yaml", """
            server_name: second.example
            allow_guest_access: false
            """);

        var forward = SynapseConfigLoader.Load([first, second]);
        var backward = SynapseConfigLoader.Load([second, first]);

        Assert.Equal("second.example", forward.ServerName);
        Assert.False(forward.AllowGuestAccess);
        Assert.Equal("first.example", backward.ServerName);
        Assert.True(backward.AllowGuestAccess);
    }

    [Fact]
    public void A_later_oidc_providers_list_replaces_the_earlier_list_instead_of_appending_to_it()
    {
        var first = _folder.Write("first.yaml", """
            server_name: example.com
            oidc_providers:
              - idp_id: google
              - idp_id: github
            """);
        var second = _folder.Write("second.yaml", """
            oidc_providers:
              - idp_id: authelia
            """);

        var config = SynapseConfigLoader.Load([first, second]);

        Assert.Equal(["oidc-authelia"], config.OidcProviders.Select(provider => provider.IdpId));
    }

    [Fact]
    public void An_empty_file_in_the_list_changes_nothing()
    {
        var first = _folder.Write("first.yaml", """
            server_name: example.com
            enable_registration: true
            """);
        var empty = _folder.Write("empty.yaml", "");

        var config = SynapseConfigLoader.Load([first, empty]);

        Assert.Equal("example.com", config.ServerName);
        Assert.True(config.EnableRegistration);
    }
}
