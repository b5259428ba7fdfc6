using Npgsql;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Databases;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Tls;

/// <summary>Every sslmode against a real server with TLS on, checked the way libpq checks.</summary>
[Collection(TlsPostgresGroup.Name)]
public sealed class TlsConnectionTests(TlsPostgresServer server)
{
    [Theory]
    [InlineData(SslMode.Require)]
    [InlineData(SslMode.VerifyCA)]
    [InlineData(SslMode.VerifyFull)]
    [InlineData(SslMode.Prefer)]
    [InlineData(SslMode.Allow)]
    public async Task The_right_root_certificate_is_accepted_in_every_mode_that_encrypts(SslMode mode)
    {
        var settings = Settings(server.Main, mode, server.CaFile);

        Assert.Equal(mode != SslMode.Allow, await ConnectEncryptedAsync(settings));
    }

    [Theory]
    [InlineData(SslMode.Require)]
    [InlineData(SslMode.VerifyCA)]
    [InlineData(SslMode.VerifyFull)]
    public async Task A_server_certificate_of_another_authority_is_refused_with_the_reason(SslMode mode)
    {
        var settings = Settings(server.Main, mode, server.WrongCaFile);

        var message = await RefusedAsync(settings);

        Assert.Contains("certificate verify failed", message, StringComparison.Ordinal);
        Assert.Contains(server.WrongCaFile, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prefer_with_a_root_certificate_that_refuses_the_server_does_not_fall_back_to_plain_text()
    {
        // libpq would retry unencrypted here; a failed check is refused instead (the README says so).
        var message = await RefusedAsync(Settings(server.Main, SslMode.Prefer, server.WrongCaFile));

        Assert.Contains("certificate verify failed", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Require_without_a_root_certificate_encrypts_without_checking()
    {
        Assert.True(await ConnectEncryptedAsync(Settings(server.OtherName, SslMode.Require, rootFile: null)));
    }

    [Fact]
    public async Task Prefer_without_a_root_certificate_encrypts_and_disable_does_not()
    {
        Assert.True(await ConnectEncryptedAsync(Settings(server.Main, null, rootFile: null)));
        Assert.False(await ConnectEncryptedAsync(Settings(server.Main, SslMode.Disable, server.WrongCaFile)));
    }

    [Fact]
    public async Task Verify_full_refuses_a_certificate_for_another_host_name_and_says_so()
    {
        var message = await RefusedAsync(Settings(server.OtherName, SslMode.VerifyFull, server.CaFile));

        Assert.Contains("host name mismatch", message, StringComparison.Ordinal);
        Assert.Contains("\"other.test\"", message, StringComparison.Ordinal);
        Assert.Contains("\"127.0.0.1\"", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SslMode.VerifyCA)]
    [InlineData(SslMode.Require)]
    public async Task Verify_ca_and_require_with_a_root_do_not_check_the_host_name(SslMode mode)
    {
        Assert.True(await ConnectEncryptedAsync(Settings(server.OtherName, mode, server.CaFile)));
    }

    [Fact]
    public async Task Allow_retries_with_tls_and_then_checks_the_certificate()
    {
        // The second server refuses connections without TLS, so allow's first try fails and its second encrypts.
        Assert.True(await ConnectEncryptedAsync(Settings(server.OtherName, SslMode.Allow, server.CaFile)));

        var message = await RefusedAsync(Settings(server.OtherName, SslMode.Allow, server.WrongCaFile));
        Assert.Contains("certificate verify failed", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_inline_root_certificate_is_checked_like_a_file()
    {
        Assert.True(await ConnectEncryptedAsync(Settings(server.Main, SslMode.Require, rootFile: null, server.CaPem)));

        var message = await RefusedAsync(Settings(server.Main, SslMode.Require, rootFile: null, server.WrongCaPem));
        Assert.Contains("certificate verify failed", message, StringComparison.Ordinal);
        Assert.Contains("ssl_ca", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SslMode.VerifyCA)]
    [InlineData(SslMode.VerifyFull)]
    public void Verify_modes_without_any_root_certificate_are_refused_before_connecting(SslMode mode)
    {
        var exception = Assert.Throws<ConfigurationException>(() => Settings(server.Main, mode, rootFile: null).CreateDataSource("syn2mas-net-tests"));

        Assert.Contains("needs a root certificate", exception.Message, StringComparison.Ordinal);
        Assert.Contains("sslrootcert=system", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_system_roots_need_verify_full()
    {
        var exception = Assert.Throws<ConfigurationException>(() => Settings(server.Main, SslMode.Require, PostgresTls.SystemRoots).CreateDataSource("syn2mas-net-tests"));

        Assert.Contains("needs sslmode verify-full", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_system_roots_do_not_trust_a_private_authority()
    {
        var message = await RefusedAsync(Settings(server.Main, mode: null, PostgresTls.SystemRoots));

        Assert.Contains("certificate verify failed", message, StringComparison.Ordinal);
        Assert.Contains("the system's trusted roots", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unix_socket_uses_no_tls_whatever_the_mode_as_libpq_does()
    {
        var settings = new PostgresConnectionSettings
        {
            Host = server.SocketFolder,
            Port = server.MainPort,
            Database = "postgres",
            Username = "postgres",
            SslMode = SslMode.VerifyFull,
        };

        Assert.False(await ConnectEncryptedAsync(settings));
    }

    private static PostgresConnectionSettings Settings(PostgresConnectionSettings server, SslMode? mode, string? rootFile, string? rootPem = null) => new()
    {
        Host = server.Host,
        Port = server.Port,
        Database = server.Database,
        Username = server.Username,
        Password = server.Password,
        SslMode = mode,
        RootCertificateFile = rootFile,
        RootCertificatePem = rootPem,
    };

    private static async Task<bool> ConnectEncryptedAsync(PostgresConnectionSettings settings)
    {
        await using var dataSource = settings.CreateDataSource("syn2mas-net-tests");
        await using var connection = await dataSource.OpenConnectionAsync();
        return await TlsPostgresServer.IsEncryptedAsync(connection);
    }

    /// <summary>The one-line reason the tool gives for a refused connection.</summary>
    private static async Task<string> RefusedAsync(PostgresConnectionSettings settings)
    {
        await using var dataSource = settings.CreateDataSource("syn2mas-net-tests");
        var exception = await Assert.ThrowsAsync<NpgsqlException>(async () => await dataSource.OpenConnectionAsync());
        var reason = Syn2Mas.Net.Databases.PostgresErrors.Describe(exception);
        Assert.DoesNotContain('\n', reason);
        Assert.DoesNotContain("Exception while performing", reason, StringComparison.Ordinal);
        return reason;
    }
}
