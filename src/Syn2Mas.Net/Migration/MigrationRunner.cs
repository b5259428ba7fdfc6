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
        await using var source = await SynapseSource.OpenAsync(
            configuration.Synapse.Database, options.DryRun ? SynapseLockMode.Shared : SynapseLockMode.Exclusive, cancellationToken);
        var checks = await AdvisorRunner.RunAsync(configuration, options.Checks, source, cancellationToken);
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
        var mapper = new UserMapper(new MappingContext(
            configuration.Synapse.ServerName, configuration.ProviderMapping, DateTimeOffset.UtcNow, MasIdGenerator.CreateForRun())
        {
            SkipInvalidUsers = options.Checks.SkipInvalidUsers,
            SkipOrphans = options.Checks.SkipOrphans,
            IgnoreMissingAuthProviders = options.Checks.IgnoreMissingAuthProviders,
        });
        var reader = new SynapseReader(source);
        var currentEstimate = 0L;
        var writerProgress = progress is null ? null : new WriterProgress(progress, () => currentEstimate);
        await using var writer = await MasWriter.BeginAsync(
            masDatabase, new MasWriterOptions { ServerName = configuration.Synapse.ServerName }, writerProgress, cancellationToken);
        var prepareSeconds = phase.Elapsed.TotalSeconds;

        phase.Restart();
        var tables = new List<TableSummary>();
        var readCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        var warnings = new SkipTally();

        // Every pass maps the whole user again, so the same warning comes once per pass that reads its row;
        // warnings are rare anomalies, so remembering the ones already counted stays small.
        var warningsSeen = new HashSet<MappingWarning>();
        foreach (var pass in MigrationPass.All)
        {
            var passTime = Stopwatch.StartNew();
            currentEstimate = Estimate(estimates, pass.SourceTable);
            progress?.Report(new MigrationProgress(MigrationPhase.Copying, $"copying {pass.Table}", pass.Table, 0, currentEstimate));
            var skipped = new SkipTally();
            var read = 0L;
            var mapped = MapAsync(pass, reader, mapper, group =>
            {
                foreach (var warning in group.Mapped.Warnings)
                {
                    if (warningsSeen.Add(warning))
                    {
                        warnings.Add(warning.Code, warning.UserId);
                    }
                }

                if (!pass.CountsSource)
                {
                    return;
                }

                read += SourceRows(pass.SourceTable, group.Rows);
                foreach (var skip in group.Mapped.SkippedRows)
                {
                    if (skip.Table == pass.SourceTable)
                    {
                        skipped.Add(skip.Reason, skip.UserId);
                    }
                }
            }, cancellationToken);
            var written = await pass.CopyAsync(writer, mapped, cancellationToken);
            if (pass.CountsSource)
            {
                readCounts[pass.SourceTable] = read;
            }

            tables.Add(new TableSummary(
                pass.Table, pass.SourceTable, readCounts.GetValueOrDefault(pass.SourceTable), written,
                pass.CountsSource ? skipped.ToList() : [], passTime.Elapsed.TotalSeconds));
        }

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
            Warnings = warnings.ToList(),
            Timings = new MigrationTimings(checksSeconds, prepareSeconds, copySeconds, rebuildSeconds, phase.Elapsed.TotalSeconds, total.Elapsed.TotalSeconds),
        };
    }

    private static async IAsyncEnumerable<MappedUser> MapAsync(
        MigrationPass pass,
        SynapseReader reader,
        UserMapper mapper,
        Action<(SynapseUserRows Rows, MappedUser Mapped)> observe,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var groups = SynapseUserMerger.MergeAsync(
            reader.ReadUsersAsync(cancellationToken),
            pass.ReadsThreepids ? reader.ReadThreepidsAsync(cancellationToken) : null,
            pass.ReadsExternalIds ? reader.ReadExternalIdsAsync(cancellationToken) : null,
            pass.ReadsSessions ? reader.ReadDevicesAsync(cancellationToken) : null,
            pass.ReadsSessions ? reader.ReadAccessTokensAsync(cancellationToken) : null,
            pass.ReadsSessions ? reader.ReadRefreshTokensAsync(cancellationToken) : null,
            cancellationToken);
        await foreach (var rows in groups)
        {
            var mapped = mapper.Map(rows);
            observe((rows, mapped));
            yield return mapped;
        }
    }

    private static long SourceRows(string table, SynapseUserRows rows) => table switch
    {
        "users" => rows.User is null ? 0 : 1,
        "user_threepids" => rows.Threepids.Count,
        "user_external_ids" => rows.ExternalIds.Count,
        "devices" => rows.Devices.Count,
        "access_tokens" => rows.AccessTokens.Count,
        "refresh_tokens" => rows.RefreshTokens.Count,
        _ => 0,
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
