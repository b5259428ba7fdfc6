using System.Diagnostics;
using System.Globalization;
using Syn2Mas.Net.Advisor;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Mapping;
using Syn2Mas.Net.Mas;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Migration;

/// <summary>
/// The migration (behaviour.md), top to bottom: open Synapse's snapshot; check the configuration and MAS;
/// begin MAS's transaction; read Synapse once, user by user, through the mapper, copying
/// <c>compat_sessions</c> as it is read and spooling the other tables, while Synapse's data checks run
/// beside it on a second connection to the same snapshot; copy the spools; rebuild the indexes and
/// constraints; if the data checks found an error, roll back; otherwise COMMIT (ROLLBACK for a dry run).
/// All writes are one MAS transaction, so a failure or a kill at any point leaves MAS exactly as it was.
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
        var state = new MigrationRunState(new MigrationReport { DryRun = options.DryRun, Outcome = MigrationOutcome.Failed });
        try
        {
            return await RunAsync(configuration, options, state, progress, cancellationToken);
        }
        catch (Exception) when (state.Report.MasState == MasState.Committed)
        {
            // Nothing after a commit can undo it, so nothing after it may report a failure: the report
            // (complete by then, see below) says what MAS now holds.
            return state.Report with { Outcome = MigrationOutcome.Migrated };
        }
        catch (Exception exception)
        {
            throw new MigrationFailedException(
                state.Report with
                {
                    Outcome = cancellationToken.IsCancellationRequested ? MigrationOutcome.Cancelled : MigrationOutcome.Failed,
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
        var masChecks = await AdvisorRunner.CheckMasAsync(configuration, cancellationToken);
        var known = AdvisorRunner.Report(configuration, checkOptions, source, synapseData: null, masChecks);

        // Every check's report, Synapse's data included: what a blocked run ends with, wherever it stops.
        MigrationReport Blocked(SynapseDataReport synapseData) =>
            state.Report = Checked(state.Report, AdvisorRunner.Report(configuration, checkOptions, source, synapseData, masChecks));

        if (known.Errors > 0)
        {
            // Blocked before anything is written; Synapse's data is still checked, so that one run lists
            // every error to fix.
            var synapseData = await CheckSynapseDataAsync(configuration, checkOptions, source, cancellationToken);
            return Blocked(synapseData);
        }

        state.Report = Checked(state.Report, known);
        var estimates = await FromSynapseAsync(source, "estimating the rows of", () => SynapseRowEstimates.ReadAsync(source, cancellationToken), cancellationToken);
        var spoolFolder = Path.TrimEndingDirectorySeparator(Path.GetTempPath());
        SpoolSpace.Check(spoolFolder, estimates);
        var checksSeconds = total.Elapsed.TotalSeconds;

        var phase = Stopwatch.StartNew();
        state.Phase = MigrationPhase.Preparing;
        progress?.Report(new MigrationProgress(MigrationPhase.Preparing, "locking MAS and pausing its constraints and indexes"));
        var mapper = RunMapper.Create(configuration, options.Checks, source.SnapshotTime);

        // The data checks read the same snapshot on a connection of their own, beside the copy and the
        // rebuild: an error they find still blocks the run, by rolling MAS back instead of committing.
        using var stopChecks = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var checkSource = await source.ShareSnapshotAsync(stopChecks.Token);
        Task<(SynapseDataReport Report, double Seconds)> dataChecks;
        if (checkSource is null)
        {
            // SQLite could not hand its snapshot to a second connection, as Synapse wrote since it was taken:
            // the checks then read first, on this one.
            var clock = Stopwatch.StartNew();
            var synapseData = await CheckSynapseDataAsync(configuration, checkOptions, source, cancellationToken);
            dataChecks = Task.FromResult((synapseData, clock.Elapsed.TotalSeconds));
            if (synapseData.HasErrors)
            {
                return Blocked(synapseData);
            }
        }
        else
        {
            dataChecks = CheckSynapseDataBesideAsync(configuration, checkOptions, checkSource, stopChecks.Token);
        }

        try
        {
            var currentEstimate = 0L;
            var writerProgress = progress is null ? null : new WriterProgress(progress, () => state.Phase, () => currentEstimate);
            await using var writer = await MasWriter.BeginAsync(
                masDatabase, MasWriterOptions.Default with { ServerName = configuration.Synapse.ServerName }, writerProgress, cancellationToken);
            state.Report = state.Report with { MasState = MasState.RolledBack, RebuildMemory = writer.RebuildMemory };
            var prepareSeconds = phase.Elapsed.TotalSeconds;

            phase.Restart();
            state.Phase = MigrationPhase.Copying;
            var tally = new MigrationTally();
            using (var spools = MappedRowSpools.Create(spoolFolder))
            {
                currentEstimate = estimates.Devices;
                var clock = Stopwatch.StartNew();
                await using (var sessions = await writer.BeginCopyAsync(MasSchema.CompatSessions, cancellationToken))
                {
                    var reader = new SynapseReader(source);
                    await foreach (var rows in ReadAhead.RunAsync(reader.ReadByUserAsync(cancellationToken), ReadAheadUsers, ReadAheadBatches, cancellationToken))
                    {
                        var user = mapper.Map(rows);
                        tally.Add(rows, user);
                        var compatSessions = user.CompatSessions;
                        for (var i = 0; i < compatSessions.Count; i++)
                        {
                            MasRowFields.Write(sessions, compatSessions[i]);
                        }

                        spools.Add(user);
                    }

                    tally.Written(MasSchema.CompatSessions, await sessions.CompleteAsync(cancellationToken), clock.Elapsed.TotalSeconds);
                }

                // Everything is read: Synapse's snapshot and locks go now, not after the rebuild.
                await source.ReleaseAsync();
                foreach (var spool in spools.All)
                {
                    clock.Restart();
                    currentEstimate = spool.Rows;
                    await using var copy = await writer.BeginCopyAsync(spool.Table, cancellationToken);
                    spool.Replay(copy, _ => cancellationToken.ThrowIfCancellationRequested());
                    tally.Written(spool.Table, await copy.CompleteAsync(cancellationToken), clock.Elapsed.TotalSeconds);
                }
            }

            var copySeconds = phase.Elapsed.TotalSeconds;

            // The rebuild runs in the server while the checks go on in this process: only the commit needs them.
            phase.Restart();
            state.Phase = MigrationPhase.Rebuilding;
            progress?.Report(new MigrationProgress(MigrationPhase.Rebuilding, "rebuilding indexes and constraints"));
            await writer.RebuildAsync(cancellationToken);
            var rebuildSeconds = phase.Elapsed.TotalSeconds;

            phase.Restart();
            state.Phase = MigrationPhase.Checking;
            progress?.Report(new MigrationProgress(MigrationPhase.Checking, "waiting for the checks of Synapse's data"));
            var (synapseData, dataChecksSeconds) = await dataChecks;
            var checks = AdvisorRunner.Report(configuration, checkOptions, source, synapseData, masChecks);
            state.Report = Checked(state.Report, checks);
            var checksWaitSeconds = phase.Elapsed.TotalSeconds;
            if (checks.Errors > 0)
            {
                await writer.RollbackAsync(cancellationToken);
                return state.Report;
            }

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

            state.Report = state.Report with
            {
                Outcome = options.DryRun ? MigrationOutcome.DryRunSucceeded : MigrationOutcome.Migrated,
                Tables = tally.Summaries(),
                Warnings = tally.Warnings(),
                Timings = new MigrationTimings(
                    checksSeconds, dataChecksSeconds, prepareSeconds, copySeconds, rebuildSeconds, checksWaitSeconds, phase.Elapsed.TotalSeconds, total.Elapsed.TotalSeconds),
            };
            state.Phase = MigrationPhase.Done;
            ReportDone(progress, state.Report);
            return state.Report;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested && state.Report.MasState != MasState.Committed)
        {
            // A row the data checks refuse can stop the mapper, or MAS, before the checks are done; when they
            // found errors, those are what the admin must fix, exactly as if they had run first.
            if (await DataCheckErrorsAsync(dataChecks) is not { } synapseData)
            {
                throw;
            }

            return Blocked(synapseData);
        }
        finally
        {
            // Whatever ended the run, the checks stop reading before their connection closes.
            await stopChecks.CancelAsync();
            await Task.WhenAny(dataChecks);
        }
    }

    private static MigrationReport Checked(MigrationReport report, AdvisorReport checks) => report with
    {
        Outcome = checks.Errors > 0 ? MigrationOutcome.Blocked : report.Outcome,
        Synapse = checks.Synapse,
        Mas = checks.Mas,
        Findings = checks.Findings,
        Counts = checks.Counts,
    };

    private static Task<SynapseDataReport> CheckSynapseDataAsync(
        LoadedConfiguration configuration, AdvisorOptions options, SynapseSource source, CancellationToken cancellationToken) =>
        FromSynapseAsync(source, "checking", () => AdvisorRunner.CheckSynapseDataAsync(configuration, options, source, cancellationToken), cancellationToken);

    /// <summary>
    /// The data checks on their own connection and thread (a check's first statement may run a while before
    /// it yields), timed; the connection closes as soon as they are done.
    /// </summary>
    private static Task<(SynapseDataReport Report, double Seconds)> CheckSynapseDataBesideAsync(
        LoadedConfiguration configuration, AdvisorOptions options, SynapseSource checkSource, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            var clock = Stopwatch.StartNew();
            await using (checkSource)
            {
                var report = await CheckSynapseDataAsync(configuration, options, checkSource, cancellationToken);
                return (report, clock.Elapsed.TotalSeconds);
            }
        }, CancellationToken.None);

    /// <summary>The data checks' report if they finished and found errors; null if they found none or could not finish.</summary>
    private static async Task<SynapseDataReport?> DataCheckErrorsAsync(Task<(SynapseDataReport Report, double Seconds)> dataChecks)
    {
        try
        {
            var (report, _) = await dataChecks;
            return report.HasErrors ? report : null;
        }
        catch (Exception)
        {
            // The run's own failure is the one to report.
            return null;
        }
    }

    /// <summary>Runs a read of Synapse, naming Synapse's database if its connection fails.</summary>
    private static async Task<T> FromSynapseAsync<T>(SynapseSource source, string doing, Func<Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            return await read();
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && SynapseConnectionLost.IsDatabaseFailure(exception))
        {
            throw SynapseConnectionLost.Describe(source, doing, exception);
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
}
