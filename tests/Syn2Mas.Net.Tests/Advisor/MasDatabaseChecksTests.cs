using System.Net;
using System.Net.Sockets;
using Dapper;
using Npgsql;
using Syn2Mas.Net.Advisor;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Databases;
using Syn2Mas.Net.Mas;
using Syn2Mas.Net.Synapse;
using Syn2Mas.Net.Tests.Infrastructure;
using static Syn2Mas.Net.Tests.Infrastructure.MasTestDatabase;

namespace Syn2Mas.Net.Tests.Advisor;

public sealed class MasDatabaseChecksTests
{
    private const string AutheliaUlid = "01JMS9TZPSM6XR8TB3HCN5FVEA";
    private const string AutheliaUuid = "0195329d-7ed9-a1bb-8469-638b2a57edca";

    private static readonly UpstreamProviderMapping FixtureMapping =
        UpstreamProviderMapping.Create(MasConfigLoader.Load([RepoPaths.Fixture("config", "mas.yaml")]), []);

    public static TheoryData<string> WrittenTableNames => new(MasSchema.WrittenTables.Select(table => table.Name));

    [Fact]
    public async Task A_fresh_mas_1_22_database_with_its_providers_has_no_finding()
    {
        await using var database = await CleanMasAsync();

        var report = await MasDatabaseChecks.RunAsync(database.Settings, FixtureMapping);

        Assert.Empty(report.Findings);
        Assert.Equal(MasSchema.NewestKnownMigrationVersion, report.SchemaVersion);
        Assert.Equal(2, FixtureMapping.Providers.Count);
    }

    [Fact]
    public async Task A_mas_0_14_database_is_too_old_and_nothing_else_is_checked()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync(RepoPaths.Fixture("mas", "schema-0.14.sql"));
        await database.ExecuteFileAsync(RepoPaths.Fixture("mas", "providers.sql"));

        var report = await MasDatabaseChecks.RunAsync(database.Settings, FixtureMapping);

        var finding = Assert.Single(report.Findings);
        Assert.Equal("mas-schema-too-old", finding.Code);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("20250130170011", finding.Message, StringComparison.Ordinal);
        Assert.Contains("upgrade MAS", finding.Message, StringComparison.Ordinal);
        Assert.Contains("`mas-cli database migrate`", finding.Message, StringComparison.Ordinal);
        Assert.Equal(20250130170011, report.SchemaVersion);
    }

    [Fact]
    public async Task An_empty_database_is_not_a_mas_database()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();

        var report = await MasDatabaseChecks.RunAsync(database.Settings, FixtureMapping);

        var finding = Assert.Single(report.Findings);
        Assert.Equal("mas-not-a-mas-database", finding.Code);
        Assert.Contains("_sqlx_migrations", finding.Message, StringComparison.Ordinal);
        Assert.Null(report.SchemaVersion);
    }

    [Fact]
    public async Task Another_sqlx_application_database_is_not_a_mas_database_rather_than_too_old()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        await ExecuteAsync(database, """
            CREATE TABLE _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL, installed_on TIMESTAMPTZ NOT NULL DEFAULT now(),
                success BOOLEAN NOT NULL, checksum BYTEA NOT NULL, execution_time BIGINT NOT NULL);
            INSERT INTO _sqlx_migrations VALUES (20230101000000, 'init', now(), true, '\x00', 1);
            CREATE TABLE things (id int);
            """);

        var finding = Assert.Single((await MasDatabaseChecks.RunAsync(database.Settings, FixtureMapping)).Findings);

        Assert.Equal("mas-not-a-mas-database", finding.Code);
    }

    [Fact]
    public async Task A_missing_written_table_is_not_a_mas_database_and_stops_the_checks()
    {
        await using var database = await CleanMasAsync();
        await ExecuteAsync(database, "DROP TABLE compat_refresh_tokens");

        var report = await MasDatabaseChecks.RunAsync(database.Settings, FixtureMapping);

        var finding = Assert.Single(report.Findings);
        Assert.Equal("mas-not-a-mas-database", finding.Code);
        Assert.Contains("`compat_refresh_tokens`", finding.Message, StringComparison.Ordinal);
        Assert.Equal(MasSchema.NewestKnownMigrationVersion, report.SchemaVersion);
    }

    [Theory]
    [MemberData(nameof(WrittenTableNames))]
    public async Task A_row_in_any_written_table_is_reported_naming_that_table(string tableName)
    {
        await using var database = await CleanMasAsync();
        await InsertAnyRowAsync(database, MasSchema.WrittenTable(tableName)!);

        var finding = Assert.Single((await MasDatabaseChecks.RunAsync(database.Settings, FixtureMapping)).Findings);

        Assert.Equal("mas-tables-not-empty", finding.Code);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains($"`{tableName}`", finding.Message, StringComparison.Ordinal);
        Assert.All(
            MasSchema.WrittenTables.Where(table => table.Name != tableName),
            other => Assert.DoesNotContain($"`{other.Name}`", finding.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Several_tables_with_rows_are_listed_in_dependency_order()
    {
        await using var database = await CleanMasAsync();
        await InsertAnyRowAsync(database, MasSchema.CompatSessions);
        await InsertAnyRowAsync(database, MasSchema.Users);

        var finding = Assert.Single((await MasDatabaseChecks.RunAsync(database.Settings, FixtureMapping)).Findings);

        Assert.Contains("`users`, `compat_sessions`;", finding.Message, StringComparison.Ordinal);
        Assert.Null(finding.Count);
    }

    [Fact]
    public async Task Rows_in_other_mas_tables_are_allowed()
    {
        await using var database = await CleanMasAsync();
        await ExecuteAsync(database, "SET session_replication_role = replica; INSERT INTO user_sessions (user_session_id, user_id, created_at) VALUES (gen_random_uuid(), gen_random_uuid(), now())");

        Assert.Empty((await MasDatabaseChecks.RunAsync(database.Settings, FixtureMapping)).Findings);
    }

    [Fact]
    public async Task A_dropped_column_is_reported_by_table_and_column()
    {
        await using var database = await CleanMasAsync();
        await ExecuteAsync(database, "ALTER TABLE users DROP COLUMN deactivated_at");

        var finding = Assert.Single((await MasDatabaseChecks.RunAsync(database.Settings, FixtureMapping)).Findings);

        Assert.Equal("mas-schema-missing-column", finding.Code);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("`users.deactivated_at`", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_column_of_another_type_or_not_null_where_null_is_written_is_reported()
    {
        await using var database = await CleanMasAsync();
        await ExecuteAsync(database, """
            ALTER TABLE compat_sessions ALTER COLUMN last_active_ip TYPE text;
            ALTER TABLE compat_sessions ALTER COLUMN device_id SET NOT NULL;
            """);

        var findings = (await MasDatabaseChecks.RunAsync(database.Settings, FixtureMapping)).Findings;

        Assert.Equal(2, findings.Count);
        Assert.All(findings, finding => Assert.Equal("mas-schema-missing-column", finding.Code));
        Assert.Contains(findings, finding => finding.Message.Contains("`compat_sessions.device_id`", StringComparison.Ordinal)
            && finding.Message.Contains("NOT NULL", StringComparison.Ordinal));
        Assert.Contains(findings, finding => finding.Message.Contains("`compat_sessions.last_active_ip` as `text`", StringComparison.Ordinal)
            && finding.Message.Contains("`inet`", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_not_null_column_without_default_is_reported_and_one_with_a_default_is_not()
    {
        await using var database = await CleanMasAsync();
        await ExecuteAsync(database, """
            ALTER TABLE users ADD COLUMN tenant_id text NOT NULL;
            ALTER TABLE users ADD COLUMN flags int4 NOT NULL DEFAULT 0;
            ALTER TABLE user_emails ADD COLUMN note text;
            """);

        var finding = Assert.Single((await MasDatabaseChecks.RunAsync(database.Settings, FixtureMapping)).Findings);

        Assert.Equal("mas-schema-unknown-required-column", finding.Code);
        Assert.Contains("`users.tenant_id`", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_newer_schema_is_only_a_warning_when_every_column_is_there()
    {
        await using var database = await CleanMasAsync();
        await ExecuteAsync(database, "INSERT INTO _sqlx_migrations VALUES (20270102030405, 'future', now(), true, '\\x00', 1)");

        var report = await MasDatabaseChecks.RunAsync(database.Settings, FixtureMapping);

        var finding = Assert.Single(report.Findings);
        Assert.Equal("mas-schema-newer", finding.Code);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Contains("20270102030405", finding.Message, StringComparison.Ordinal);
        Assert.Equal(20270102030405, report.SchemaVersion);
    }

    [Fact]
    public async Task A_newer_schema_still_has_its_columns_checked()
    {
        await using var database = await CleanMasAsync();
        await ExecuteAsync(database, """
            INSERT INTO _sqlx_migrations VALUES (20270102030405, 'future', now(), true, '\x00', 1);
            ALTER TABLE compat_access_tokens DROP COLUMN expires_at;
            """);

        var codes = (await MasDatabaseChecks.RunAsync(database.Settings, FixtureMapping)).Findings.Select(finding => finding.Code);

        Assert.Equal(["mas-schema-newer", "mas-schema-missing-column"], codes);
    }

    [Fact]
    public async Task A_failed_newer_migration_does_not_count_as_applied()
    {
        await using var database = await CleanMasAsync();
        await ExecuteAsync(database, "INSERT INTO _sqlx_migrations VALUES (20270102030405, 'future', now(), false, '\\x00', 1)");

        var report = await MasDatabaseChecks.RunAsync(database.Settings, FixtureMapping);

        Assert.Empty(report.Findings);
        Assert.Equal(MasSchema.NewestKnownMigrationVersion, report.SchemaVersion);
    }

    [Fact]
    public async Task A_session_lock_held_by_another_connection_is_a_migration_in_progress()
    {
        await using var database = await CleanMasAsync();
        await using var holder = await database.OpenAsync();
        Assert.True(await MigrationLock.TryAcquireAsync(holder, transaction: null));

        var finding = Assert.Single((await MasDatabaseChecks.RunAsync(database.Settings, FixtureMapping)).Findings);

        Assert.Equal("mas-migration-in-progress", finding.Code);
        Assert.Equal(Severity.Error, finding.Severity);

        // The probe took nothing: the holder still has the lock, and once it lets go anyone can take it.
        Assert.True(await MigrationLock.ReleaseAsync(holder));
        await using var next = await database.OpenAsync();
        Assert.True(await MigrationLock.TryAcquireAsync(next, transaction: null));
    }

    [Fact]
    public async Task A_transaction_lock_held_by_a_running_migration_is_a_migration_in_progress()
    {
        await using var database = await CleanMasAsync();
        await using var holder = await database.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        Assert.True(await MigrationLock.TryAcquireAsync(holder, transaction));

        var finding = Assert.Single((await MasDatabaseChecks.RunAsync(database.Settings, FixtureMapping)).Findings);

        Assert.Equal("mas-migration-in-progress", finding.Code);
    }

    [Fact]
    public async Task The_checks_leave_no_advisory_lock_behind()
    {
        await using var database = await CleanMasAsync();

        Assert.Empty((await MasDatabaseChecks.RunAsync(database.Settings, FixtureMapping)).Findings);

        await using var connection = await database.OpenAsync();
        // This database's locks only: tests running beside this one migrate into databases of their own.
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"));
        await using var transaction = await connection.BeginTransactionAsync();
        Assert.True(await MigrationLock.TryAcquireAsync(connection, transaction));
    }

    [Fact]
    public async Task A_mapped_provider_missing_from_mas_is_named_by_idp_and_ulid()
    {
        await using var database = await CleanMasAsync();
        var mapping = UpstreamProviderMapping.Create(null, ["oidc-keycloak:01ARZ3NDEKTSV4RRFFQ69G5FAV", $"oidc-authelia:{AutheliaUlid}"]);

        var finding = Assert.Single((await MasDatabaseChecks.RunAsync(database.Settings, mapping)).Findings);

        Assert.Equal("mas-provider-missing", finding.Code);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("`oidc-keycloak`", finding.Message, StringComparison.Ordinal);
        Assert.Contains("01ARZ3NDEKTSV4RRFFQ69G5FAV", finding.Message, StringComparison.Ordinal);
        Assert.Equal(["01ARZ3NDEKTSV4RRFFQ69G5FAV"], finding.Examples);
    }

    [Fact]
    public async Task A_mapped_provider_given_as_a_uuid_is_found_and_named_as_a_ulid_when_disabled()
    {
        await using var database = await CleanMasAsync();
        await ExecuteAsync(database, $"UPDATE upstream_oauth_providers SET disabled_at = now() WHERE upstream_oauth_provider_id = '{AutheliaUuid}'");
        var mapping = UpstreamProviderMapping.Create(null, [$"oidc-authelia:{AutheliaUuid}"]);

        var finding = Assert.Single((await MasDatabaseChecks.RunAsync(database.Settings, mapping)).Findings);

        Assert.Equal("mas-provider-disabled", finding.Code);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("`oidc-authelia`", finding.Message, StringComparison.Ordinal);
        Assert.Contains(AutheliaUlid, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_any_mapping_the_providers_are_not_checked()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync(RepoPaths.Fixture("mas", "schema-1.22.sql"));

        Assert.Empty((await MasDatabaseChecks.RunAsync(database.Settings, UpstreamProviderMapping.Empty)).Findings);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_database_unavailable_error_without_the_password()
    {
        const string password = "hunter2-unreachable-secret";
        var settings = new PostgresConnectionSettings
        {
            Host = "127.0.0.1", Port = ClosedPort(), Database = "mas", Username = "mas", Password = password,
        };

        var exception = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => MasDatabaseChecks.RunAsync(settings, FixtureMapping));

        Assert.Contains($"mas@127.0.0.1:{settings.Port}/mas", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(password, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', exception.Message);
    }

    [Fact]
    public async Task A_wrong_password_is_a_database_unavailable_error_without_the_password()
    {
        await using var database = await CleanMasAsync();
        const string password = "wrong-password-5e2f";
        var settings = new PostgresConnectionSettings
        {
            Host = database.Settings.Host, Port = database.Settings.Port, Database = database.Name, Username = database.Settings.Username, Password = password,
        };

        var exception = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => MasDatabaseChecks.RunAsync(settings, FixtureMapping));

        Assert.Contains(database.Name, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(password, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(database.Settings.Password!, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_checks_write_nothing_whatever_they_find()
    {
        await using var database = await CleanMasAsync();
        await InsertAnyRowAsync(database, MasSchema.Users);
        await ExecuteAsync(database, $"""
            UPDATE upstream_oauth_providers SET disabled_at = now() WHERE upstream_oauth_provider_id = '{AutheliaUuid}';
            INSERT INTO _sqlx_migrations VALUES (20270102030405, 'future', now(), true, '\x00', 1);
            ALTER TABLE users ADD COLUMN tenant_id text NOT NULL DEFAULT 'x';
            """);
        var mapping = UpstreamProviderMapping.Create(null, [$"oidc-authelia:{AutheliaUlid}", "oidc-keycloak:01ARZ3NDEKTSV4RRFFQ69G5FAV"]);
        await using var holder = await database.OpenAsync();
        Assert.True(await MigrationLock.TryAcquireAsync(holder, transaction: null));
        var before = await FingerprintAsync(database);

        var report = await MasDatabaseChecks.RunAsync(database.Settings, mapping);
        await MasDatabaseChecks.RunAsync(database.Settings, FixtureMapping);

        Assert.Equal(
            ["mas-schema-newer", "mas-tables-not-empty", "mas-migration-in-progress", "mas-provider-disabled", "mas-provider-missing"],
            report.Findings.Select(finding => finding.Code));
        Assert.Equal(before, await FingerprintAsync(database));
    }

    [Fact]
    public async Task A_role_that_may_only_read_can_run_every_check_and_is_told_it_cannot_migrate()
    {
        await using var database = await CleanMasAsync();
        var role = "r_" + Guid.NewGuid().ToString("N")[..12];
        var password = Guid.NewGuid().ToString("N");
        await ExecuteAsync(database, $"""
            CREATE ROLE {role} LOGIN PASSWORD '{password}';
            GRANT CONNECT ON DATABASE {database.Name} TO {role};
            GRANT USAGE ON SCHEMA public TO {role};
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role};
            """);
        try
        {
            var settings = new PostgresConnectionSettings
            {
                Host = database.Settings.Host, Port = database.Settings.Port, Database = database.Name, Username = role, Password = password,
            };

            // Every check runs; the only finding is that this role could not migrate.
            var finding = Assert.Single((await MasDatabaseChecks.RunAsync(settings, FixtureMapping)).Findings);
            Assert.Equal("mas-insufficient-rights", finding.Code);
            Assert.Contains("does not own `compat_access_tokens`", finding.Message, StringComparison.Ordinal);
            Assert.Contains("lacks INSERT on `compat_access_tokens`", finding.Message, StringComparison.Ordinal);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(database, $"DROP OWNED BY {role}; DROP ROLE {role}");
        }
    }

    /// <summary>
    /// A digest of the schema (tables, columns, constraints, indexes, sequences) and of every row of every
    /// table: equal before and after means nothing was written, whatever the statistics say.
    /// </summary>
    private static async Task<string> FingerprintAsync(TestDatabase database)
    {
        var fingerprint = await DatabaseFingerprint.OfPostgresAsync(database);
        Assert.True(fingerprint.Split('\n').Length > MasSchema.WrittenTables.Count + 1, "the fingerprint did not see the MAS tables");
        return fingerprint;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
