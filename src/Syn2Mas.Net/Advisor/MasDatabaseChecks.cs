using System.Data;
using System.Globalization;
using Npgsql;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Databases;
using Syn2Mas.Net.Identifiers;
using Syn2Mas.Net.Mas;
using Syn2Mas.Net.Mas.Checks;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Advisor;

/// <summary>
/// The checks of docs/behaviour.md (rule: database-checks, rule: provider-checks) that read the MAS database: is it a MAS database, recent enough,
/// with every column the migration writes, still empty, not being migrated into by someone else, and
/// does it hold every mapped upstream provider, enabled.
/// </summary>
/// <remarks>
/// Everything runs in one <c>READ ONLY</c> repeatable-read transaction that is rolled back: the checks
/// take no lock stronger than the <c>ACCESS SHARE</c> every SELECT takes, and never the migration lock
/// itself, so running the advisor beside MAS or beside a migration is harmless.
/// </remarks>
internal static class MasDatabaseChecks
{
    private const string ApplicationName = "syn2mas-net";

    // `mas-cli database migrate` locks tables exclusively while it runs; waiting behind it for ever
    // would hang the advisor, so a blocked read fails with a message instead.
    private const string LockTimeout = "10s";

    /// <summary>How long a read waits for a table lock while another migration holds the migration lock: not for it.</summary>
    private const string LockTimeoutWhileMigrating = "100ms";

    private const string SavepointBeforeReads = "before_reads";

    /// <exception cref="DatabaseUnavailableException">The database cannot be reached or read; the
    /// message names it without its password.</exception>
    public static async Task<MasDatabaseReport> RunAsync(
        PostgresConnectionSettings database, UpstreamProviderMapping mapping, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(mapping);
        await using var dataSource = database.CreateDataSource(ApplicationName);
        NpgsqlConnection connection;
        try
        {
            connection = await dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            throw new DatabaseUnavailableException(
                $"Cannot connect to MAS's PostgreSQL database {database}: {PostgresErrors.Describe(exception)}; "
                + "check `database` in MAS's config or --mas-database-uri.",
                exception);
        }

        await using (connection)
        {
            try
            {
                await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
                await MasCheckQueries.StartReadOnlyAsync(connection, transaction, LockTimeout, cancellationToken);
                var report = await CheckAsync(connection, transaction, database, mapping, cancellationToken);
                await transaction.RollbackAsync(cancellationToken);
                return report;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                throw new DatabaseUnavailableException(
                    $"Cannot read MAS's PostgreSQL database {database}: {PostgresErrors.Describe(exception)}.", exception);
            }
        }
    }

    private static async Task<MasDatabaseReport> CheckAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, PostgresConnectionSettings database, UpstreamProviderMapping mapping, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        var present = await ExistingTablesAsync(connection, transaction, cancellationToken);
        if (!present.Contains(MasSchema.MigrationsTable))
        {
            findings.Add(FindingCatalog.MasNotMasDatabase.Report(
                $"{database} has no `{MasSchema.MigrationsTable}` table, so it is not a MAS database; point the migration at MAS's database "
                + "(`database` in MAS's config or --mas-database-uri) after running `mas-cli database migrate` on it"));
            return new MasDatabaseReport(findings, null);
        }

        var version = await MasCheckQueries.SchemaVersionAsync(connection, transaction, cancellationToken);
        var required = MasSchema.WrittenTables.Select(table => table.Name).Append(MasSchema.UpstreamOauthProvidersTable).ToList();
        var missing = required.Where(name => !present.Contains(name)).ToList();

        // A database of another sqlx application is "not MAS", not "too old"; an old MAS lacks only a few tables.
        if (MasSchema.WrittenTables.All(table => !present.Contains(table.Name)))
        {
            findings.Add(FindingCatalog.MasNotMasDatabase.Report(
                $"{database} has a `{MasSchema.MigrationsTable}` table but none of MAS's tables (`users`, `compat_sessions`…), so it is not a MAS database; "
                + "point the migration at MAS's database after running `mas-cli database migrate` on it"));
            return new MasDatabaseReport(findings, version);
        }

        if (version is null or < MasSchema.MinimumMigrationVersion)
        {
            findings.Add(FindingCatalog.MasSchemaTooOld.Report(
                $"the MAS database schema is {(version is null ? "at no applied migration" : $"at migration {version.Value.ToString(CultureInfo.InvariantCulture)}")}, older than "
                + $"{MasSchema.MinimumMigrationVersion} (MAS {MasSchema.MinimumMasRelease}), the oldest this tool can write; "
                + $"upgrade MAS to {MasSchema.MinimumMasRelease} or newer and run `mas-cli database migrate`"));
            return new MasDatabaseReport(findings, version);
        }

        if (missing.Count > 0)
        {
            findings.Add(FindingCatalog.MasNotMasDatabase.Report(
                $"{database} lacks the MAS table{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing.Select(name => $"`{name}`"))}; "
                + "it is not a complete MAS database: run `mas-cli database migrate` on it, or point the migration at the right database"));
            return new MasDatabaseReport(findings, version);
        }

        if (version > MasSchema.NewestKnownMigrationVersion)
        {
            findings.Add(FindingCatalog.MasSchemaNewer.Report(
                $"the MAS database schema is at migration {version}, newer than {MasSchema.NewestKnownMigrationVersion} (MAS {MasSchema.NewestKnownMasRelease}), "
                + "the newest this tool knows; it goes on because the columns it writes are checked one by one, but prefer a syn2mas-net release that knows this MAS"));
        }

        await CheckColumnsAsync(connection, transaction, findings, cancellationToken);
        var (rights, canRead) = await MasRoleRights.CheckAsync(connection, transaction, cancellationToken);
        if (rights is not null)
        {
            findings.Add(rights);
        }

        if (!canRead)
        {
            // Reading the tables the role may not read would only fail.
            return new MasDatabaseReport(findings, version);
        }

        // Probed before any table is read: a running migration holds MAS's tables exclusively, and reading
        // them would wait for it and end in a lock timeout that says nothing of why. The reads are still
        // tried (a lock held by an idle session blocks nothing), but they do not wait for it.
        var migrating = await MigrationLock.IsHeldByAnotherAsync(connection, transaction, cancellationToken);
        if (migrating)
        {
            await MasCheckQueries.SetLockTimeoutAsync(connection, transaction, LockTimeoutWhileMigrating, cancellationToken);
        }

        await transaction.SaveAsync(SavepointBeforeReads, cancellationToken);
        var blocked = false;
        try
        {
            await CheckEmptyAsync(connection, transaction, findings, cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            // The migration may also have started between the probe and the read.
            await transaction.RollbackAsync(SavepointBeforeReads, cancellationToken);
            migrating = migrating || await MigrationLock.IsHeldByAnotherAsync(connection, transaction, cancellationToken);
            if (!migrating)
            {
                throw;
            }

            blocked = true;
        }

        if (migrating)
        {
            findings.Add(FindingCatalog.MasMigrationInProgress.Report(
                $"another session holds the migration lock on {database} (advisory lock {MigrationLock.Key}): "
                + "a syn2mas-net or `mas-cli syn2mas` migration is writing into it; wait for it to end, or stop it, before migrating"));
        }

        if (!blocked)
        {
            await CheckProvidersAsync(connection, transaction, mapping, findings, cancellationToken);
        }

        return new MasDatabaseReport(findings, version);
    }

    /// <summary>The tables among those the checks need that the connection's search path resolves.</summary>
    private static Task<HashSet<string>> ExistingTablesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        MasCheckQueries.ExistingTablesAsync(
            connection,
            transaction,
            MasSchema.WrittenTables.Select(table => table.Name).Append(MasSchema.UpstreamOauthProvidersTable).Append(MasSchema.MigrationsTable).ToArray(),
            cancellationToken);

    private static async Task CheckColumnsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<Finding> findings, CancellationToken cancellationToken)
    {
        var actual = await MasCheckQueries.ColumnsAsync(
            connection, transaction, MasSchema.WrittenTables.Select(table => table.Name).ToArray(), cancellationToken);

        foreach (var table in MasSchema.WrittenTables)
        {
            foreach (var column in table.Columns)
            {
                var name = $"`{table.Name}.{column.Name}`";
                if (!actual.TryGetValue((table.Name, column.Name), out var found))
                {
                    findings.Add(FindingCatalog.MasSchemaMissingColumn.Report(
                        $"MAS's database has no column {name}, which the migration writes ({column.TypeName}); "
                        + "run `mas-cli database migrate`, or use a syn2mas-net release that knows this MAS version"));
                }
                else if (found.Type != column.TypeName)
                {
                    findings.Add(FindingCatalog.MasSchemaMissingColumn.Report(
                        $"MAS's database has {name} as `{found.Type}`, but the migration writes `{column.TypeName}`; "
                        + "run `mas-cli database migrate`, or use a syn2mas-net release that knows this MAS version"));
                }
                else if (column.IsNullable && !found.Nullable)
                {
                    findings.Add(FindingCatalog.MasSchemaMissingColumn.Report(
                        $"MAS's database declares {name} NOT NULL, but the migration writes NULL into it; "
                        + "run `mas-cli database migrate`, or use a syn2mas-net release that knows this MAS version"));
                }
            }

            // A newer MAS could add a NOT NULL column without a default: every insert would then fail.
            foreach (var extra in actual.Values.Where(row => row.Table == table.Name && !row.Nullable && !row.HasDefault && table.Column(row.Column) is null))
            {
                findings.Add(FindingCatalog.MasSchemaUnknownRequiredColumn.Report(
                    $"MAS's database has `{table.Name}.{extra.Column}` ({extra.Type}) NOT NULL without a default, which this tool does not write, "
                    + $"so no row could be inserted into `{table.Name}`; use a syn2mas-net release that knows this MAS version"));
            }
        }
    }

    private static async Task CheckEmptyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<Finding> findings, CancellationToken cancellationToken)
    {
        var withRows = await MasCheckQueries.TablesWithRowsAsync(connection, transaction, MasSchema.WrittenTables.Select(table => table.Name), cancellationToken);
        if (withRows.Count == 0)
        {
            return;
        }

        var names = MasSchema.WrittenTables.Where(table => withRows.Contains(table.Name)).Select(table => $"`{table.Name}`");
        findings.Add(FindingCatalog.MasTablesNotEmpty.Report(
            $"MAS's database already has rows in {string.Join(", ", names)}; the migration only writes into empty tables: "
            + "migrate into a fresh MAS database (created by `mas-cli database migrate` and `mas-cli config sync`, before MAS serves anyone)"));
    }

    private static async Task CheckProvidersAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, UpstreamProviderMapping mapping, List<Finding> findings, CancellationToken cancellationToken)
    {
        if (mapping.Providers.Count == 0)
        {
            return;
        }

        var disabledById = await MasCheckQueries.ProvidersAsync(connection, transaction, mapping.Providers.Values.Distinct().ToArray(), cancellationToken);

        foreach (var (idpId, providerId) in mapping.Providers.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var ulid = UlidUuid.ToUlid(providerId).ToString();
            if (!disabledById.TryGetValue(providerId, out var disabled))
            {
                findings.Add(FindingCatalog.MasProviderMissing.Report(
                    $"Synapse IdP `{idpId}` is mapped to MAS provider {ulid}, which is not in MAS's `upstream_oauth_providers`; "
                    + "add it to `upstream_oauth2.providers` in MAS's config and run `mas-cli config sync`, or fix the mapping",
                    examples: [ulid]));
            }
            else if (disabled)
            {
                findings.Add(FindingCatalog.MasProviderDisabled.Report(
                    $"Synapse IdP `{idpId}` is mapped to MAS provider {ulid}, which is disabled in MAS's database (`disabled_at` is set); "
                    + "keep it in `upstream_oauth2.providers` in MAS's config and run `mas-cli config sync` to enable it, or fix the mapping",
                    examples: [ulid]));
            }
        }
    }
}
