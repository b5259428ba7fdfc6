using System.Diagnostics;
using Dapper;
using Npgsql;
using Syn2Mas.Net.Mas;
using Syn2Mas.Net.Tests.Infrastructure;
using static Syn2Mas.Net.Tests.Infrastructure.MasTestDatabase;

namespace Syn2Mas.Net.Tests.Mas;

public sealed class MasWriterTests
{
    private const string DuplicatedToken = "syt_YWxpY2U_duplicatedsecrettoken_9f3a";

    /// <summary>A writer that waits where it should fail fast would hang the run; past this the test fails instead.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static readonly MasWriterOptions Options = new() { ServerName = MasSampleRows.ServerName };

    [Fact]
    public async Task A_full_write_lands_every_row_and_brings_the_schema_back_exactly()
    {
        await using var database = await CleanMasAsync();
        var catalogBefore = await SchemaCatalog.OfPostgresAsync(database);
        var digestBefore = CatalogDigest(await DatabaseFingerprint.OfPostgresAsync(database));
        var sample = new MasSampleRows();

        await using (var writer = await MasWriter.BeginAsync(database.Settings, Options, progress: null))
        {
            var counts = await sample.CopyAllAsync(writer);
            await writer.RebuildAsync();
            await writer.CommitAsync();

            Assert.Equal(
                new Dictionary<string, long>
                {
                    ["users"] = 2, ["user_passwords"] = 1, ["user_emails"] = 1, ["user_unsupported_third_party_ids"] = 1,
                    ["upstream_oauth_links"] = 1, ["compat_sessions"] = 3, ["compat_access_tokens"] = 3, ["compat_refresh_tokens"] = 1,
                },
                counts);
        }

        Assert.Equal(catalogBefore, await SchemaCatalog.OfPostgresAsync(database));
        Assert.Equal(digestBefore, CatalogDigest(await DatabaseFingerprint.OfPostgresAsync(database)));
        await AssertRowsLandedAsync(database);
    }

    [Fact]
    public async Task After_a_write_the_foreign_keys_into_the_written_tables_are_back_validated_and_enforced()
    {
        await using var database = await CleanMasAsync();

        await using (var writer = await MasWriter.BeginAsync(database.Settings, Options, progress: null))
        {
            await new MasSampleRows().CopyAllAsync(writer);
            await writer.RebuildAsync();
            await writer.CommitAsync();
        }

        await using var connection = await database.OpenAsync();
        var incoming = (await connection.QueryAsync<(string Name, bool Validated)>(
            """
            SELECT conname::text, convalidated FROM pg_constraint
            WHERE contype = 'f' AND conname IN ('user_sessions_user_id_fkey', 'compat_sessions_user_session_id_fkey', 'oauth2_sessions_user_id_fkey',
                'personal_sessions_owner_user_id_fkey', 'personal_sessions_actor_user_id_fkey', 'user_terms_user_id_fkey',
                'user_session_authentications_user_password_id_fkey', 'user_recovery_tickets_user_email_id_fkey',
                'compat_sso_logins_compat_session_id_fkey', 'upstream_oauth_authorization_sessions_link_fkey')
            """)).ToList();
        Assert.Equal(10, incoming.Count);
        Assert.All(incoming, constraint => Assert.True(constraint.Validated, constraint.Name));

        var orphan = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            "INSERT INTO user_sessions (user_session_id, user_id, created_at) VALUES (gen_random_uuid(), gen_random_uuid(), now())"));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, orphan.SqlState);
        Assert.Equal("user_sessions_user_id_fkey", orphan.ConstraintName);

        var duplicate = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            "INSERT INTO users (user_id, username, created_at) VALUES (gen_random_uuid(), 'alice', now())"));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, duplicate.SqlState);
        Assert.Equal("users_username_unique", duplicate.ConstraintName);
    }

    [Fact]
    public async Task A_dry_run_does_everything_and_leaves_the_database_exactly_as_before()
    {
        await using var database = await CleanMasAsync();
        var before = await DatabaseFingerprint.OfPostgresAsync(database);
        var progress = new RecordingProgress<MasWriterEvent>();

        await using (var writer = await MasWriter.BeginAsync(database.Settings, Options, progress))
        {
            await new MasSampleRows().CopyAllAsync(writer);
            await writer.RebuildAsync();
            await writer.RollbackAsync();
        }

        Assert.Equal(before, await DatabaseFingerprint.OfPostgresAsync(database));
        Assert.Contains(progress.Reports, report => report is { ObjectName: "compat_access_tokens_access_token_unique" });
        await AssertNoRowsAsync(database);
    }

    [Fact]
    public async Task A_duplicated_access_token_names_the_constraint_and_the_user_but_never_the_token()
    {
        await using var database = await CleanMasAsync();
        var before = await DatabaseFingerprint.OfPostgresAsync(database);
        var sample = new MasSampleRows();
        sample = sample with
        {
            CompatAccessTokens =
            [
                sample.CompatAccessTokens[0] with { AccessToken = DuplicatedToken },
                sample.CompatAccessTokens[1] with { AccessToken = DuplicatedToken },
                sample.CompatAccessTokens[2],
            ],
            CompatRefreshTokens = sample.CompatRefreshTokens,
        };

        await using (var writer = await MasWriter.BeginAsync(database.Settings, Options, progress: null))
        {
            await sample.CopyAllAsync(writer);

            var exception = await Assert.ThrowsAsync<MasWriterException>(() => writer.RebuildAsync());

            Assert.Contains("compat_access_tokens_access_token_unique", exception.Message, StringComparison.Ordinal);
            Assert.Contains("2 rows share one value", exception.Message, StringComparison.Ordinal);
            Assert.Contains("for user @alice:example.com", exception.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("@bob", exception.Message, StringComparison.Ordinal);
            AssertNoSecret(exception);
            await Assert.ThrowsAsync<InvalidOperationException>(() => writer.CommitAsync());
            await writer.RollbackAsync();
        }

        Assert.Equal(before, await DatabaseFingerprint.OfPostgresAsync(database));
    }

    [Fact]
    public async Task Two_users_sharing_a_token_are_both_named()
    {
        await using var database = await CleanMasAsync();
        var sample = new MasSampleRows();
        sample = sample with
        {
            CompatAccessTokens =
            [
                sample.CompatAccessTokens[0] with { AccessToken = DuplicatedToken },
                sample.CompatAccessTokens[1],
                sample.CompatAccessTokens[2] with { AccessToken = DuplicatedToken },
            ],
        };

        await using var writer = await MasWriter.BeginAsync(database.Settings, Options, progress: null);
        await sample.CopyAllAsync(writer);

        var exception = await Assert.ThrowsAsync<MasWriterException>(() => writer.RebuildAsync());

        Assert.Contains("for users @alice:example.com, @bob:example.com", exception.Message, StringComparison.Ordinal);
        AssertNoSecret(exception);
    }

    [Fact]
    public async Task A_duplicated_username_is_named_by_its_unique_constraint()
    {
        await using var database = await CleanMasAsync();
        var sample = new MasSampleRows();
        sample = sample with { Users = [.. sample.Users, sample.Users[1] with { UserId = Guid.NewGuid() }] };

        await using var writer = await MasWriter.BeginAsync(database.Settings, progress: null);
        await sample.CopyAllAsync(writer);

        var exception = await Assert.ThrowsAsync<MasWriterException>(() => writer.RebuildAsync());

        // Without a server name the MAS username (the localpart) stands for the user.
        Assert.StartsWith("constraint users_username_unique on users: 2 rows share one value, for user bob ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_pointing_at_a_missing_session_fails_naming_the_foreign_key()
    {
        await using var database = await CleanMasAsync();
        var before = await DatabaseFingerprint.OfPostgresAsync(database);
        var sample = new MasSampleRows();
        sample = sample with
        {
            CompatAccessTokens = [.. sample.CompatAccessTokens, sample.CompatAccessTokens[2] with { CompatAccessTokenId = Guid.NewGuid(), CompatSessionId = Guid.NewGuid(), AccessToken = "syt_orphan_secret_4411" }],
        };

        await using (var writer = await MasWriter.BeginAsync(database.Settings, Options, progress: null))
        {
            await sample.CopyAllAsync(writer);

            var exception = await Assert.ThrowsAsync<MasWriterException>(() => writer.RebuildAsync());

            Assert.Contains("constraint compat_access_tokens_compat_session_id_fkey on compat_access_tokens: 1 row points at no row of compat_sessions", exception.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("syt_orphan_secret_4411", exception.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', exception.Message);
        }

        Assert.Equal(before, await DatabaseFingerprint.OfPostgresAsync(database));
    }

    [Fact]
    public async Task A_refresh_token_pointing_at_a_missing_access_token_names_the_user_through_its_session()
    {
        await using var database = await CleanMasAsync();
        var sample = new MasSampleRows();
        sample = sample with { CompatRefreshTokens = [sample.CompatRefreshTokens[0] with { CompatAccessTokenId = Guid.NewGuid() }] };

        await using var writer = await MasWriter.BeginAsync(database.Settings, Options, progress: null);
        await sample.CopyAllAsync(writer);

        var exception = await Assert.ThrowsAsync<MasWriterException>(() => writer.RebuildAsync());

        Assert.Contains("compat_refresh_tokens_compat_access_token_id_fkey", exception.Message, StringComparison.Ordinal);
        Assert.EndsWith("at no row of compat_access_tokens, for user @alice:example.com", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_migration_fails_at_once_while_the_first_is_open_and_starts_once_it_is_gone()
    {
        await using var database = await CleanMasAsync();
        await using var first = await MasWriter.BeginAsync(database.Settings, Options, progress: null);

        var exception = await Assert.ThrowsAsync<MasWriterException>(
            () => MasWriter.BeginAsync(database.Settings, Options, progress: null).WaitAsync(Deadline));

        Assert.StartsWith($"another migration is running against {database.Settings}", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(database.Settings.Password!, exception.Message, StringComparison.Ordinal);

        await first.RollbackAsync();
        await using var next = await MasWriter.BeginAsync(database.Settings, Options, progress: null);
        await next.RollbackAsync();
    }

    [Fact]
    public async Task A_table_lock_held_by_another_session_fails_after_the_lock_timeout_instead_of_hanging()
    {
        await using var database = await CleanMasAsync();
        var before = await DatabaseFingerprint.OfPostgresAsync(database);
        await using var mas = await database.OpenAsync();
        await using var reading = await mas.BeginTransactionAsync();
        await mas.ExecuteAsync("SELECT count(*) FROM users", transaction: reading);

        var exception = await Assert.ThrowsAsync<MasWriterException>(
            () => MasWriter.BeginAsync(database.Settings, Options with { LockTimeout = TimeSpan.FromSeconds(1) }, progress: null).WaitAsync(Deadline));

        Assert.Contains("waited 1 s for a table lock", exception.Message, StringComparison.Ordinal);
        Assert.Contains("stop MAS", exception.Message, StringComparison.Ordinal);
        await reading.RollbackAsync();
        Assert.Equal(before, await DatabaseFingerprint.OfPostgresAsync(database));
    }

    [Theory]
    [InlineData("users")]
    [InlineData("compat_refresh_tokens")]
    public async Task A_table_with_rows_fails_naming_it_and_changes_nothing(string tableName)
    {
        await using var database = await CleanMasAsync();
        await InsertAnyRowAsync(database, MasSchema.WrittenTable(tableName)!);
        var before = await DatabaseFingerprint.OfPostgresAsync(database);

        var exception = await Assert.ThrowsAsync<MasWriterException>(() => MasWriter.BeginAsync(database.Settings, Options, progress: null));

        Assert.Contains($"already has rows in {tableName};", exception.Message, StringComparison.Ordinal);
        Assert.Equal(before, await DatabaseFingerprint.OfPostgresAsync(database));

        // The failed start let go of the migration lock.
        await using var connection = await database.OpenAsync();
        Assert.False(await MigrationLock.IsHeldByAnotherAsync(connection, transaction: null));
    }

    [Fact]
    public async Task Indexes_and_foreign_keys_added_beyond_mas_are_paused_and_come_back_exactly()
    {
        await using var database = await CleanMasAsync();
        await ExecuteAsync(database, """
            CREATE INDEX custom_users_recent_idx ON users (created_at DESC, username) WHERE locked_at IS NULL;
            COMMENT ON INDEX custom_users_recent_idx IS 'for the admin dashboard';
            CREATE UNIQUE INDEX custom_emails_unique_idx ON user_emails (lower(email), user_id);
            CREATE TABLE audit_log (
                audit_id uuid PRIMARY KEY,
                subject_user_id uuid,
                actor_user_id uuid,
                email_id uuid,
                CONSTRAINT audit_log_subject_fkey FOREIGN KEY (subject_user_id) REFERENCES users (user_id)
                    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
            );
            ALTER TABLE audit_log ADD CONSTRAINT audit_log_actor_fkey FOREIGN KEY (actor_user_id) REFERENCES users (user_id) NOT VALID;
            ALTER TABLE audit_log ADD CONSTRAINT audit_log_email_fkey FOREIGN KEY (email_id) REFERENCES user_emails (user_email_id) ON DELETE SET NULL;
            COMMENT ON CONSTRAINT audit_log_subject_fkey ON audit_log IS 'who the entry is about';
            """);
        var catalogBefore = await SchemaCatalog.OfPostgresAsync(database);
        var progress = new RecordingProgress<MasWriterEvent>();

        await using (var writer = await MasWriter.BeginAsync(database.Settings, Options, progress))
        {
            await new MasSampleRows().CopyAllAsync(writer);
            await writer.RebuildAsync();
            await writer.CommitAsync();
        }

        var rebuilt = progress.Reports.Where(report => report.ObjectName is not null).Select(report => report.ObjectName).ToList();
        Assert.Contains("custom_users_recent_idx", rebuilt);
        Assert.Contains("custom_emails_unique_idx", rebuilt);
        Assert.Contains("audit_log_subject_fkey", rebuilt);
        Assert.Contains("audit_log_actor_fkey", rebuilt);
        Assert.Contains("audit_log_email_fkey", rebuilt);
        Assert.DoesNotContain("audit_log_pkey", rebuilt);
        Assert.Equal(catalogBefore, await SchemaCatalog.OfPostgresAsync(database));
        Assert.Contains(catalogBefore, line => line.StartsWith("constraint audit_log audit_log_actor_fkey", StringComparison.Ordinal) && line.Contains("validated=f ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_index_and_constraint_of_the_written_tables_is_paused_and_rebuilt_foreign_keys_last()
    {
        await using var database = await CleanMasAsync();
        var progress = new RecordingProgress<MasWriterEvent>();

        await using (var writer = await MasWriter.BeginAsync(database.Settings, Options, progress))
        {
            await writer.RebuildAsync();
            await writer.RollbackAsync();
        }

        var rebuilt = progress.Reports.Where(report => report.ObjectName is not null).Select(report => report.ObjectName!).ToList();
        await using var connection = await database.OpenAsync();
        var expected = (await connection.QueryAsync<string>(
            """
            SELECT conname::text FROM pg_constraint
            WHERE contype IN ('p', 'u', 'f') AND (conrelid = ANY(@tables::regclass[]) OR confrelid = ANY(@tables::regclass[]))
            UNION
            SELECT indexname::text FROM pg_indexes WHERE tablename = ANY(@tables)
            """,
            new { tables = MasSchema.WrittenTables.Select(table => table.Name).ToArray() })).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), rebuilt.Order(StringComparer.Ordinal));
        Assert.Equal(rebuilt.Count, rebuilt.Distinct().Count());
        var firstForeignKey = rebuilt.FindIndex(name => name.EndsWith("_fkey", StringComparison.Ordinal));
        Assert.All(rebuilt.Skip(firstForeignKey), name => Assert.EndsWith("_fkey", name, StringComparison.Ordinal));
        Assert.Contains("users_username_trgm_idx", rebuilt);
        Assert.Contains("user_sessions_user_id_fkey", rebuilt);
    }

    [Fact]
    public async Task A_clustering_index_is_left_in_place_so_its_flag_survives()
    {
        await using var database = await CleanMasAsync();
        await ExecuteAsync(database, "ALTER TABLE users CLUSTER ON users_lower_username_idx");
        var catalogBefore = await SchemaCatalog.OfPostgresAsync(database);
        var progress = new RecordingProgress<MasWriterEvent>();

        await using (var writer = await MasWriter.BeginAsync(database.Settings, Options, progress))
        {
            await new MasSampleRows().CopyAllAsync(writer);
            await writer.RebuildAsync();
            await writer.CommitAsync();
        }

        Assert.DoesNotContain(progress.Reports, report => report.ObjectName == "users_lower_username_idx");
        Assert.Contains(progress.Reports, report => report.ObjectName == "users_username_trgm_idx");
        Assert.Equal(catalogBefore, await SchemaCatalog.OfPostgresAsync(database));
    }

    [Fact]
    public async Task The_pause_follows_the_catalog_of_an_older_mas_schema_too()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync(RepoPaths.Fixture("mas", "schema-0.14.sql"));
        var catalogBefore = await SchemaCatalog.OfPostgresAsync(database);
        var progress = new RecordingProgress<MasWriterEvent>();

        await using (var writer = await MasWriter.BeginAsync(database.Settings, Options, progress))
        {
            await writer.RebuildAsync();
            await writer.CommitAsync();
        }

        Assert.Contains(progress.Reports, report => report.ObjectName == "users_lower_username_idx");
        Assert.DoesNotContain(progress.Reports, report => report.ObjectName == "users_username_trgm_idx");
        Assert.Equal(catalogBefore, await SchemaCatalog.OfPostgresAsync(database));
    }

    [Fact]
    public async Task Disposing_without_commit_rolls_back_and_releases_the_lock()
    {
        await using var database = await CleanMasAsync();
        var before = await DatabaseFingerprint.OfPostgresAsync(database);

        await using (var writer = await MasWriter.BeginAsync(database.Settings, Options, progress: null))
        {
            await new MasSampleRows().CopyAllAsync(writer);
            await writer.RebuildAsync();
        }

        Assert.Equal(before, await DatabaseFingerprint.OfPostgresAsync(database));
        await using var next = await MasWriter.BeginAsync(database.Settings, Options, progress: null);
    }

    [Fact]
    public async Task A_migration_killed_half_way_leaves_mas_as_it_was()
    {
        await using var database = await CleanMasAsync();
        var before = await DatabaseFingerprint.OfPostgresAsync(database);
        var sample = new MasSampleRows();

        await using (var writer = await MasWriter.BeginAsync(database.Settings, Options, progress: null))
        {
            await writer.CopyAsync(MasSchema.Users, sample.Users, MasRowFields.Write);
            await writer.CopyAsync(MasSchema.CompatSessions, sample.CompatSessions, MasRowFields.Write);
            await using (var admin = await database.OpenAsync())
            {
                Assert.Equal(1, await admin.ExecuteScalarAsync<int>(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'syn2mas-net'"));
            }

            await Assert.ThrowsAsync<MasWriterException>(() => writer.CopyAsync(MasSchema.CompatAccessTokens, sample.CompatAccessTokens, MasRowFields.Write));
        }

        Assert.Equal(before, await DatabaseFingerprint.OfPostgresAsync(database));
        await using var rerun = await MasWriter.BeginAsync(database.Settings, Options, progress: null);
        await sample.CopyAllAsync(rerun);
        await rerun.RebuildAsync();
        await rerun.CommitAsync();
    }

    [Fact]
    public async Task A_value_postgresql_refuses_fails_the_copy_naming_the_table_without_the_value()
    {
        await using var database = await CleanMasAsync();
        var sample = new MasSampleRows();
        const string token = "syt_nul\0secret_token_77";

        await using var writer = await MasWriter.BeginAsync(database.Settings, Options, progress: null);
        await writer.CopyAsync(MasSchema.Users, sample.Users, MasRowFields.Write);
        var exception = await Assert.ThrowsAsync<MasWriterException>(() => writer.CopyAsync(MasSchema.CompatAccessTokens, 
            new[] { sample.CompatAccessTokens[0] with { AccessToken = token } }, MasRowFields.Write));

        Assert.StartsWith("writing compat_access_tokens into MAS database", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret_token_77", exception.Message, StringComparison.Ordinal);
        Assert.Null(exception.InnerException);
        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.CopyAsync(MasSchema.Users, sample.Users, MasRowFields.Write));
    }

    [Fact]
    public async Task A_copy_abandoned_half_way_leaves_the_writer_only_a_rollback_and_mas_as_it_was()
    {
        await using var database = await CleanMasAsync();
        var before = await DatabaseFingerprint.OfPostgresAsync(database);
        var sample = new MasSampleRows();

        // The caller's own failure (a Synapse row it could not read) ends its loop before CompleteAsync.
        await using (var writer = await MasWriter.BeginAsync(database.Settings, Options, progress: null))
        {
            await using (var copy = await writer.BeginCopyAsync(MasSchema.Users))
            {
                MasRowFields.Write(copy, sample.Users[0]);
            }

            await Assert.ThrowsAsync<InvalidOperationException>(() => writer.BeginCopyAsync(MasSchema.Users));
            await Assert.ThrowsAsync<InvalidOperationException>(() => writer.RebuildAsync());
        }

        Assert.Equal(before, await DatabaseFingerprint.OfPostgresAsync(database));
    }

    [Fact]
    public async Task Nothing_else_may_run_while_a_copy_is_open()
    {
        await using var database = await CleanMasAsync();
        await using var writer = await MasWriter.BeginAsync(database.Settings, Options, progress: null);
        var sample = new MasSampleRows();

        await using var copy = await writer.BeginCopyAsync(MasSchema.Users);
        MasRowFields.Write(copy, sample.Users[0]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.BeginCopyAsync(MasSchema.UserEmails));
        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.RebuildAsync());
        MasRowFields.Write(copy, sample.Users[1]);
        Assert.Equal(2, await copy.CompleteAsync());
        Assert.Equal(sample.UserEmails.Length, await writer.CopyAsync(MasSchema.UserEmails, sample.UserEmails, MasRowFields.Write));
    }

    [Fact]
    public async Task The_rebuild_gets_more_memory_than_the_defaults_but_never_less_than_the_server_gives()
    {
        await using var database = await CleanMasAsync();
        await using (var writer = await MasWriter.BeginAsync(database.Settings, Options, progress: null))
        {
            Assert.Equal(new MasRebuildMemory("512MB", "128MB"), writer.RebuildMemory);
        }

        await using (var admin = await database.OpenAsync())
        {
            await admin.ExecuteAsync("SELECT set_config('maintenance_work_mem', '1GB', false); DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET maintenance_work_mem = %L', current_database(), '1GB'); END $$");
        }

        await using (var writer = await MasWriter.BeginAsync(database.Settings, Options, progress: null))
        {
            Assert.Equal(new MasRebuildMemory("1GB", "128MB"), writer.RebuildMemory);
        }
    }

    [Fact]
    public async Task Commit_needs_the_rebuild_and_copies_end_with_it()
    {
        await using var database = await CleanMasAsync();
        var sample = new MasSampleRows();
        await using var writer = await MasWriter.BeginAsync(database.Settings, Options, progress: null);

        var early = await Assert.ThrowsAsync<InvalidOperationException>(() => writer.CommitAsync());
        Assert.Contains("RebuildAsync", early.Message, StringComparison.Ordinal);
        await sample.CopyAllAsync(writer);
        await writer.RebuildAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.CopyAsync(MasSchema.Users, sample.Users, MasRowFields.Write));
        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.RebuildAsync());
        await writer.CommitAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.RollbackAsync());
    }

    [Fact]
    public async Task Progress_follows_the_phases_and_counts_rows_every_interval()
    {
        await using var database = await CleanMasAsync();
        var progress = new RecordingProgress<MasWriterEvent>();
        var users = Enumerable.Range(0, 5)
            .Select(i => new MasUser(Guid.NewGuid(), $"user{i}", MasSampleRows.BobCreatedAt, null, false, false, null))
            .ToList();

        await using (var writer = await MasWriter.BeginAsync(database.Settings, Options with { ProgressInterval = 2 }, progress))
        {
            Assert.Equal(5, await writer.CopyAsync(MasSchema.Users, users, MasRowFields.Write));
            await writer.RebuildAsync();
            await writer.CommitAsync();
        }

        Assert.Equal(
            ["taking the migration lock", "checking that MAS's tables are empty", "pausing constraints and indexes"],
            progress.Reports.Take(3).Select(report => report.Detail));
        var copying = progress.Reports.Where(report => report is { Table: not null, ObjectName: null }).ToList();
        Assert.Equal([0L, 2L, 4L, 5L], copying.Select(report => report.Rows));
        Assert.All(copying, report => Assert.Equal("users", report.Table));
        Assert.Equal("rebuilding users_pkey on users", progress.Reports.First(report => report.ObjectName is not null).ToString());
    }

    private static void AssertNoSecret(MasWriterException exception)
    {
        Assert.DoesNotContain(DuplicatedToken, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("duplicatedsecret", exception.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Key (", exception.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain('\n', exception.Message);
    }

    private static async Task AssertRowsLandedAsync(TestDatabase database)
    {
        await using var connection = await database.OpenAsync();

        var users = (await connection.QueryAsync<(string Username, DateTime CreatedAt, DateTime? LockedAt, bool CanRequestAdmin, bool IsGuest, DateTime? DeactivatedAt)>(
            "SELECT username, created_at, locked_at, can_request_admin, is_guest, deactivated_at FROM users ORDER BY username")).ToList();
        Assert.Equal(
            [
                ("alice", MasSampleRows.AliceCreatedAt.UtcDateTime, null, true, false, null),
                ("bob", MasSampleRows.BobCreatedAt.UtcDateTime, MasSampleRows.BobLockedAt.UtcDateTime, false, true, MasSampleRows.BobDeactivatedAt.UtcDateTime),
            ],
            users);
        Assert.All(users, user => Assert.Equal(DateTimeKind.Utc, user.CreatedAt.Kind));

        // Read as text in UTC: the instant PostgreSQL holds, whatever the client does with offsets.
        Assert.Equal(
            "2021-03-04 05:08:09.123",
            await connection.ExecuteScalarAsync<string>("SELECT (created_at AT TIME ZONE 'UTC')::text FROM users WHERE username = 'alice'"));

        Assert.Equal(
            (MasSampleRows.AliceId, "$2b$12$alicesecrethashalicesecrethashalicesecrethash", MasSampleRows.AliceCreatedAt.UtcDateTime, 1, (Guid?)null),
            await connection.QuerySingleAsync<(Guid, string, DateTime, int, Guid?)>("SELECT user_id, hashed_password, created_at, version, upgraded_from_id FROM user_passwords"));
        Assert.Equal(
            (MasSampleRows.AliceId, "Alice@Example.com", MasSampleRows.AliceCreatedAt.AddMinutes(1).UtcDateTime),
            await connection.QuerySingleAsync<(Guid, string, DateTime)>("SELECT user_id, email, created_at FROM user_emails"));
        Assert.Equal(
            (MasSampleRows.BobId, "msisdn", "447700900123", MasSampleRows.BobCreatedAt.AddMinutes(2).UtcDateTime),
            await connection.QuerySingleAsync<(Guid, string, string, DateTime)>("SELECT user_id, medium, address, created_at FROM user_unsupported_third_party_ids"));
        Assert.Equal(
            (MasSampleRows.ProviderId, MasSampleRows.AliceId, "alice-subject", MasSampleRows.AliceCreatedAt.UtcDateTime, (string?)null),
            await connection.QuerySingleAsync<(Guid, Guid, string, DateTime, string?)>(
                "SELECT upstream_oauth_provider_id, user_id, subject, created_at, human_account_name FROM upstream_oauth_links"));

        var sessions = (await connection.QueryAsync<(Guid Id, Guid UserId, string? DeviceId, DateTime CreatedAt, DateTime? FinishedAt, bool IsSynapseAdmin, DateTime? LastActiveAt, string? Ip, int? Family, Guid? UserSessionId, string? UserAgent, string? HumanName)>(
            """
            SELECT compat_session_id, user_id, device_id, created_at, finished_at, is_synapse_admin, last_active_at,
                   host(last_active_ip), family(last_active_ip), user_session_id, user_agent, human_name
            FROM compat_sessions ORDER BY compat_session_id
            """)).ToList();
        Assert.Equal(
            [
                (MasSampleRows.AliceDeviceSessionId, MasSampleRows.AliceId, "ALICEPHONE", MasSampleRows.AliceCreatedAt.AddDays(1).UtcDateTime, null, true,
                    MasSampleRows.DeviceLastSeen.UtcDateTime, "192.0.2.7", 4, null, "Element/1.11 (Android)", "Alice's phone"),
                (MasSampleRows.AliceDevicelessSessionId, MasSampleRows.AliceId, null, MasSampleRows.AliceCreatedAt.AddDays(2).UtcDateTime, null, false,
                    null, null, null, null, null, null),
                (MasSampleRows.BobSessionId, MasSampleRows.BobId, "BOBLAPTOP", MasSampleRows.BobCreatedAt.AddDays(1).UtcDateTime, null, false,
                    MasSampleRows.DeviceLastSeen.AddHours(1).UtcDateTime, "2001:db8::1", 6, null, "Element Desktop", null),
            ],
            sessions);

        var accessTokens = (await connection.QueryAsync<(Guid SessionId, string Token, DateTime CreatedAt, DateTime? ExpiresAt)>(
            "SELECT compat_session_id, access_token, created_at, expires_at FROM compat_access_tokens ORDER BY compat_access_token_id")).ToList();
        Assert.Equal(
            [
                (MasSampleRows.AliceDeviceSessionId, "syt_YWxpY2U_secretaccesstokenone_0001", MasSampleRows.AliceCreatedAt.AddDays(3).UtcDateTime, MasSampleRows.TokenExpiresAt.UtcDateTime),
                (MasSampleRows.AliceDevicelessSessionId, "syt_YWxpY2U_secretaccesstokentwo_0002", MasSampleRows.AliceCreatedAt.AddDays(4).UtcDateTime, null),
                (MasSampleRows.BobSessionId, "syt_Ym9i_secretaccesstokenthree_0003", MasSampleRows.BobCreatedAt.AddDays(3).UtcDateTime, null),
            ],
            accessTokens);

        Assert.Equal(
            (MasSampleRows.AliceDeviceSessionId, MasSampleRows.AliceAccessTokenId, "syr_YWxpY2U_secretrefreshtoken_0001", MasSampleRows.AliceCreatedAt.AddDays(3).UtcDateTime, (DateTime?)null),
            await connection.QuerySingleAsync<(Guid, Guid, string, DateTime, DateTime?)>(
                "SELECT compat_session_id, compat_access_token_id, refresh_token, created_at, consumed_at FROM compat_refresh_tokens"));
    }

    private static async Task AssertNoRowsAsync(TestDatabase database)
    {
        await using var connection = await database.OpenAsync();
        foreach (var table in MasSchema.WrittenTables)
        {
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table.Name}"));
        }
    }

    /// <summary>The first line of <see cref="DatabaseFingerprint.OfPostgresAsync"/>: the schema's digest, without the rows.</summary>
    private static string CatalogDigest(string fingerprint) => fingerprint.Split('\n')[0];
}
