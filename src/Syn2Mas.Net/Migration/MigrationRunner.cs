using System.Diagnostics;
using System.Globalization;
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

    /// <summary>Runs the migration; a failure or a cancel before the commit comes as a <see cref="MigrationFailedException"/>.</summary>
    /// <exception cref="MigrationFailedException">The run stopped before its commit: the inner exception says
    /// why, the report where and what MAS was left with (rolled back or untouched, never half-written).</exception>
    public static async Task<MigrationReport> RunAsync(
        LoadedConfiguration configuration,
        MigrationOptions options,
        IProgress<MigrationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var state = new MigrationRunState(new MigrationReport { DryRun = options.DryRun, Outcome = MigrationOutcomes.Failed });
        try
        {
            return await RunAsync(configuration, options, state, progress, cancellationToken);
        }
        catch (Exception) when (state.Report.MasState == MasState.Committed)
        {
            // Nothing after a commit can undo it, so nothing after it may report a failure: the report
            // (complete by then, see below) says what MAS now holds.
            return state.Report with { Outcome = MigrationOutcomes.Migrated };
        }
        catch (Exception exception)
        {
            throw new MigrationFailedException(
                state.Report with
                {
                    Outcome = cancellationToken.IsCancellationRequested ? MigrationOutcomes.Cancelled : MigrationOutcomes.Failed,
                    FailedPhase = state.Phase,
                },
                exception);
        }
    }

    private static async Task<MigrationReport> RunAsync(
        LoadedConfiguration configuration,
        MigrationOptions options,
        MigrationRunState state,
        IProgress<MigrationProgress>? progress,
        CancellationToken cancellationToken)
    {
        var masDatabase = configuration.MasDatabase
            ?? throw new ConfigurationException("migrate needs MAS's database: give --mas-config (or --mas-database-uri).");
        var total = Stopwatch.StartNew();

        state.Phase = MigrationPhase.Checking;
        var lockMode = options.DryRun ? SynapseLockMode.Shared : options.AllowRunningSynapse ? SynapseLockMode.Exclusive : SynapseLockMode.ExclusiveUnlessInUse;
        await using var source = await SynapseSource.OpenAsync(configuration.Synapse.Database, lockMode, cancellationToken);
        progress?.Report(new MigrationProgress(MigrationPhase.Checking, "checking the configuration, Synapse and MAS"));
        var checkOptions = options.Checks with { RefuseRunningSynapse = !options.DryRun && !options.AllowRunningSynapse };
        AdvisorReport checks;
        try
        {
            checks = await AdvisorRunner.RunAsync(configuration, checkOptions, source, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && SynapseConnectionLost.IsDatabaseFailure(exception))
        {
            // MAS's checks name their own failures; what is left is Synapse's.
            throw SynapseConnectionLost.Describe(source, "checking", exception);
        }

        var checksSeconds = total.Elapsed.TotalSeconds;
        var report = state.Report = state.Report with
        {
            Outcome = MigrationOutcomes.Blocked,
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
        state.Phase = MigrationPhase.Preparing;
        progress?.Report(new MigrationProgress(MigrationPhase.Preparing, "locking MAS and pausing its constraints and indexes"));
        var estimates = await SynapseRowEstimates.ReadAsync(source, cancellationToken);
        var spoolFolder = Path.TrimEndingDirectorySeparator(Path.GetTempPath());
        SpoolSpace.Check(spoolFolder, estimates);
        var mapper = RunMapper.Create(configuration, options.Checks, source.SnapshotTime);
        var reader = new SynapseReader(source);
        var currentEstimate = 0L;
        var writerProgress = progress is null ? null : new WriterProgress(progress, () => currentEstimate);
        var writer = await MasWriter.BeginAsync(
            masDatabase, MasWriterOptions.Default with { ServerName = configuration.Synapse.ServerName }, writerProgress, cancellationToken);
        try
        {
            state.Report = state.Report with { MasState = MasState.RolledBack };
            var prepareSeconds = phase.Elapsed.TotalSeconds;

            phase.Restart();
            state.Phase = MigrationPhase.Copying;
            var (tables, warnings) = await CopyAsync(
                reader, mapper, writer, spoolFolder, estimates, value => currentEstimate = value, source.ReleaseAsync, cancellationToken);
            var copySeconds = phase.Elapsed.TotalSeconds;

            phase.Restart();
            state.Phase = MigrationPhase.Rebuilding;
            progress?.Report(new MigrationProgress(MigrationPhase.Rebuilding, "rebuilding indexes and constraints"));
            await writer.RebuildAsync(cancellationToken);
            var rebuildSeconds = phase.Elapsed.TotalSeconds;

            phase.Restart();
            if (options.DryRun)
            {
                state.Phase = MigrationPhase.RollingBack;
                progress?.Report(new MigrationProgress(MigrationPhase.RollingBack, "rolling back (dry run)"));
                await writer.RollbackAsync(cancellationToken);
            }
            else
            {
                state.Phase = MigrationPhase.Committing;
                progress?.Report(new MigrationProgress(MigrationPhase.Committing, "committing"));

                // The last moment a cancel is honoured: once COMMIT is sent, its answer is awaited whatever
                // happens, so that the outcome reported is the one PostgreSQL decided.
                cancellationToken.ThrowIfCancellationRequested();
                await writer.CommitAsync(CancellationToken.None);
                state.Report = state.Report with { MasState = MasState.Committed };
            }

            report = state.Report with
            {
                Outcome = options.DryRun ? MigrationOutcomes.DryRunSucceeded : MigrationOutcomes.Migrated,
                Tables = tables,
                Warnings = warnings,
                Timings = new MigrationTimings(checksSeconds, prepareSeconds, copySeconds, rebuildSeconds, phase.Elapsed.TotalSeconds, total.Elapsed.TotalSeconds),
            };
            state.Report = report;
            state.Phase = MigrationPhase.Done;
            ReportDone(progress, report);
            return report;
        }
        finally
        {
            await DisposeAsync(writer, state.Report.MasState == MasState.Committed);
        }
    }

    /// <summary>
    /// The line that says what MAS holds, the moment the commit has returned: whatever happens next, the
    /// console has told the truth. A progress display failing now (a closed pipe) changes nothing.
    /// </summary>
    private static void ReportDone(IProgress<MigrationProgress>? progress, MigrationReport report)
    {
        var detail = report.DryRun
            ? "dry run finished: MAS is unchanged"
            : "committed: MAS now holds " + string.Join(", ", report.Tables.Select(table => string.Create(CultureInfo.InvariantCulture, $"{table.Written:N0} {table.Table}")));
        try
        {
            progress?.Report(new MigrationProgress(MigrationPhase.Done, detail));
        }
        catch (Exception exception) when (!report.DryRun && exception is IOException or ObjectDisposedException)
        {
            // Committed is committed: the caller still gets the report.
        }
    }

    /// <summary>Closes MAS's connection; after a commit, a failure to do so is no failure of the migration.</summary>
    private static async Task DisposeAsync(MasWriter writer, bool committed)
    {
        try
        {
            await writer.DisposeAsync();
        }
        catch (Exception) when (committed)
        {
            // The data is committed; a connection that breaks while closing cannot undo it.
        }
    }

    /// <summary>
    /// Reads Synapse once: every user's rows are mapped once, <c>compat_sessions</c> is copied as it is read
    /// and the other tables are spooled, then copied one after another from their spools.
    /// </summary>
    private static async Task<(IReadOnlyList<TableSummary> Summaries, IReadOnlyList<SkippedRows> Warnings)> CopyAsync(
        SynapseReader reader,
        UserMapper mapper,
        MasWriter writer,
        string spoolFolder,
        SynapseRowEstimates estimates,
        Action<long> setEstimate,
        Func<Task> releaseSource,
        CancellationToken cancellationToken)
    {
        long users = 0, threepids = 0, externalIds = 0, devices = 0, accessTokens = 0, refreshTokens = 0;
        var skipped = new Dictionary<string, SkipTally>(StringComparer.Ordinal);
        var warnings = new SkipTally();
        var written = new Dictionary<string, long>(StringComparer.Ordinal);
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        using var spools = MappedRowSpools.Create(spoolFolder);

        var streamed = MappedRowSpools.StreamedTable;
        var clock = Stopwatch.StartNew();
        setEstimate(estimates.Devices);
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
        await releaseSource();
        seconds[streamed.Name] = clock.Elapsed.TotalSeconds;

        foreach (var spool in spools.All)
        {
            clock.Restart();
            setEstimate(spool.Rows);
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
