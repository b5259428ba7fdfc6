using System.Diagnostics;
using Syn2Mas.Net.Advisor;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Mapping;
using Syn2Mas.Net.Mas;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Migration;

/// <summary>
/// The migration (behaviour.md): every check first, on the snapshot that is then copied; then one pass per
/// MAS table, each a streaming merge of Synapse's tables user by user through the mapper into a binary
/// COPY; then the index and constraint rebuild; then COMMIT, or ROLLBACK for a dry run. All writes are one
/// MAS transaction, so a failure or a kill at any point leaves MAS exactly as it was.
/// </summary>
public static class MigrationRunner
{
    /// <summary>Users per batch handed from the Synapse reader to the mapper: a few hundred rows of each table.</summary>
    private const int ReadAheadUsers = 256;

    private const int ReadAheadBatches = 8;

    public static async Task<MigrationReport> RunAsync(
        LoadedConfiguration configuration,
        MigrationOptions options,
        IProgress<MigrationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var masDatabase = configuration.MasDatabase
            ?? throw new ConfigurationException("migrate needs MAS's database: give --mas-config (or --mas-database-uri).");
        var total = Stopwatch.StartNew();

        progress?.Report(new MigrationProgress(MigrationPhase.Checking, "checking the configuration, Synapse and MAS"));
        var lockMode = options.DryRun ? SynapseLockMode.Shared : options.AllowRunningSynapse ? SynapseLockMode.Exclusive : SynapseLockMode.ExclusiveUnlessInUse;
        await using var source = await SynapseSource.OpenAsync(configuration.Synapse.Database, lockMode, cancellationToken);
        var checkOptions = options.Checks with { RefuseRunningSynapse = !options.DryRun && !options.AllowRunningSynapse };
        var checks = await AdvisorRunner.RunAsync(configuration, checkOptions, source, cancellationToken);
        var checksSeconds = total.Elapsed.TotalSeconds;
        var report = new MigrationReport
        {
            DryRun = options.DryRun,
            Outcome = "blocked",
            Synapse = checks.Synapse,
            Mas = checks.Mas,
            Findings = checks.Findings,
            Counts = checks.Counts,
        };
        if (checks.Errors > 0)
        {
            return report;
        }

        var phase = Stopwatch.StartNew();
        progress?.Report(new MigrationProgress(MigrationPhase.Preparing, "locking MAS and pausing its constraints and indexes"));
        var estimates = await SynapseRowEstimates.ReadAsync(source, cancellationToken);
        var mapper = RunMapper.Create(configuration, options.Checks, source.SnapshotTime);
        var reader = new SynapseReader(source);
        var currentEstimate = 0L;
        var writerProgress = progress is null ? null : new WriterProgress(progress, () => currentEstimate);
        await using var writer = await MasWriter.BeginAsync(
            masDatabase, MasWriterOptions.Default with { ServerName = configuration.Synapse.ServerName }, writerProgress, cancellationToken);
        var prepareSeconds = phase.Elapsed.TotalSeconds;

        phase.Restart();
        var (tables, warnings) = await CopyAsync(reader, mapper, writer, estimates, value => currentEstimate = value, progress, cancellationToken);
        var copySeconds = phase.Elapsed.TotalSeconds;

        phase.Restart();
        progress?.Report(new MigrationProgress(MigrationPhase.Rebuilding, "rebuilding indexes and constraints"));
        await writer.RebuildAsync(cancellationToken);
        var rebuildSeconds = phase.Elapsed.TotalSeconds;

        phase.Restart();
        if (options.DryRun)
        {
            progress?.Report(new MigrationProgress(MigrationPhase.RollingBack, "rolling back (dry run)"));
            await writer.RollbackAsync(cancellationToken);
        }
        else
        {
            progress?.Report(new MigrationProgress(MigrationPhase.Committing, "committing"));
            await writer.CommitAsync(cancellationToken);
        }

        progress?.Report(new MigrationProgress(MigrationPhase.Done, options.DryRun ? "dry run finished: MAS is unchanged" : "migrated"));
        return report with
        {
            Outcome = options.DryRun ? "dry-run-succeeded" : "migrated",
            Tables = tables,
            Warnings = warnings,
            Timings = new MigrationTimings(checksSeconds, prepareSeconds, copySeconds, rebuildSeconds, phase.Elapsed.TotalSeconds, total.Elapsed.TotalSeconds),
        };
    }

    /// <summary>
    /// Reads Synapse once: every user's rows are mapped once, <c>compat_sessions</c> is copied as it is read
    /// and the other tables are spooled, then copied one after another from their spools.
    /// </summary>
    private static async Task<(IReadOnlyList<TableSummary> Summaries, IReadOnlyList<SkippedRows> Warnings)> CopyAsync(
        SynapseReader reader,
        UserMapper mapper,
        MasWriter writer,
        SynapseRowEstimates estimates,
        Action<long> setEstimate,
        IProgress<MigrationProgress>? progress,
        CancellationToken cancellationToken)
    {
        long users = 0, threepids = 0, externalIds = 0, devices = 0, accessTokens = 0, refreshTokens = 0;
        var skipped = new Dictionary<string, SkipTally>(StringComparer.Ordinal);
        var warnings = new SkipTally();
        var written = new Dictionary<string, long>(StringComparer.Ordinal);
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        using var spools = MappedRowSpools.Create(Path.GetTempPath());

        var streamed = MappedRowSpools.StreamedTable;
        var clock = Stopwatch.StartNew();
        setEstimate(estimates.Devices);
        progress?.Report(new MigrationProgress(
            MigrationPhase.Copying, $"reading Synapse: copying {streamed.Name}, holding the other tables' rows for their copies", streamed.Name, 0, estimates.Devices));
        var mapped = MapAsync(reader, mapper, (rows, user) =>
        {
            users += rows.User is null ? 0 : 1;
            threepids += rows.Threepids.Count;
            externalIds += rows.ExternalIds.Count;
            devices += rows.Devices.Count;
            accessTokens += rows.AccessTokens.Count;
            refreshTokens += rows.RefreshTokens.Count;
            foreach (var skip in user.SkippedRows)
            {
                if (!skipped.TryGetValue(skip.Table, out var tally))
                {
                    skipped[skip.Table] = tally = new SkipTally();
                }

                tally.Add(skip.Reason, skip.UserId);
            }

            foreach (var warning in user.Warnings)
            {
                warnings.Add(warning.Code, warning.UserId);
            }

            spools.Add(user);
        }, cancellationToken);
        written[streamed.Name] = await writer.CopyCompatSessionsAsync(Rows(mapped, user => user.CompatSessions), cancellationToken);
        seconds[streamed.Name] = clock.Elapsed.TotalSeconds;

        foreach (var spool in spools.All)
        {
            clock.Restart();
            setEstimate(spool.Rows);
            progress?.Report(new MigrationProgress(MigrationPhase.Copying, $"copying {spool.Table.Name}", spool.Table.Name, 0, spool.Rows));
            written[spool.Table.Name] = await writer.CopySpoolAsync(spool, cancellationToken);
            seconds[spool.Table.Name] = clock.Elapsed.TotalSeconds;
        }

        var readCounts = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            [SynapseTables.Users] = users,
            [SynapseTables.UserThreepids] = threepids,
            [SynapseTables.UserExternalIds] = externalIds,
            [SynapseTables.Devices] = devices,
            [SynapseTables.AccessTokens] = accessTokens,
            [SynapseTables.RefreshTokens] = refreshTokens,
        };

        // Two MAS tables are made from users and two from user_threepids: the rows skipped are listed once,
        // under the first of them.
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var summaries = new List<TableSummary>();
        foreach (var table in MasSchema.WrittenTables)
        {
            var source = SourceTable(table);
            summaries.Add(new TableSummary(
                table.Name,
                source,
                readCounts.GetValueOrDefault(source),
                written[table.Name],
                listed.Add(source) && skipped.TryGetValue(source, out var tally) ? tally.ToList() : [],
                seconds[table.Name]));
        }

        return (summaries, warnings.ToList());
    }

    private static async IAsyncEnumerable<MappedUser> MapAsync(
        SynapseReader reader,
        UserMapper mapper,
        Action<SynapseUserRows, MappedUser> observe,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var rows in ReadAhead.RunAsync(reader.ReadByUserAsync(cancellationToken), ReadAheadUsers, ReadAheadBatches, cancellationToken))
        {
            var mapped = mapper.Map(rows);
            observe(rows, mapped);
            yield return mapped;
        }
    }

    private static async IAsyncEnumerable<T> Rows<T>(IAsyncEnumerable<MappedUser> users, Func<MappedUser, IReadOnlyList<T>> select)
    {
        await foreach (var user in users)
        {
            var rows = select(user);
            for (var i = 0; i < rows.Count; i++)
            {
                yield return rows[i];
            }
        }
    }

    /// <summary>The Synapse table a MAS table's rows are made from.</summary>
    private static string SourceTable(MasTable table) => table.Name switch
    {
        "users" or "user_passwords" => SynapseTables.Users,
        "user_emails" or "user_unsupported_third_party_ids" => SynapseTables.UserThreepids,
        "upstream_oauth_links" => SynapseTables.UserExternalIds,
        "compat_sessions" => SynapseTables.Devices,
        "compat_access_tokens" => SynapseTables.AccessTokens,
        "compat_refresh_tokens" => SynapseTables.RefreshTokens,
        _ => throw new ArgumentOutOfRangeException(nameof(table), table.Name, "not a table the migration writes"),
    };

    private static long Estimate(SynapseRowEstimates estimates, string table) => table switch
    {
        "users" => estimates.Users,
        "user_threepids" => estimates.Threepids,
        "user_external_ids" => estimates.ExternalIds,
        "devices" => estimates.Devices,
        "access_tokens" => estimates.AccessTokens,
        "refresh_tokens" => estimates.RefreshTokens,
        _ => 0,
    };
}
