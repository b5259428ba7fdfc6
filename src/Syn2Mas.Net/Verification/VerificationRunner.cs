using System.Runtime.CompilerServices;
using Syn2Mas.Net.Advisor;
using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Mapping;
using Syn2Mas.Net.Mas;
using Syn2Mas.Net.Migration;
using Syn2Mas.Net.Reporting;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Verification;

/// <summary>
/// <c>verify</c>: reads Synapse as the migration does (same snapshot reader, same mapper, same options) and
/// MAS in a read-only snapshot, and compares them with <see cref="VerificationDiff"/>. Writes nothing on
/// either side; Synapse gets ACCESS SHARE locks only, so it may be running.
/// </summary>
public static class VerificationRunner
{
    private const int ReadAheadUsers = 256;

    private const int ReadAheadBatches = 8;

    /// <summary>The MAS tables whose missing rows may be Synapse's own work after the migration.</summary>
    private static readonly HashSet<string> SessionTables = new(StringComparer.Ordinal)
    {
        MasSchema.CompatSessions.Name, MasSchema.CompatAccessTokens.Name, MasSchema.CompatRefreshTokens.Name,
    };

    /// <param name="options">The skip options, meaning what they mean to <c>migrate</c>.</param>
    /// <exception cref="MappingException">Rows the options do not allow to skip, as in <c>migrate</c>.</exception>
    public static async Task<VerificationReport> RunAsync(
        LoadedConfiguration configuration, AdvisorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var masDatabase = configuration.MasDatabase
            ?? throw new ConfigurationException("verify needs MAS's database: give --mas-config (or --mas-database-uri).");

        await using var source = await SynapseSource.OpenAsync(configuration.Synapse.Database, SynapseLockMode.Shared, cancellationToken);
        var synapseInUse = source.OtherClients.Count > 0;
        await using var mas = await MasReader.OpenAsync(masDatabase, configuration.Synapse.ServerName, cancellationToken);
        var masInfo = new MasDatabaseInfo(mas.Database, await mas.SchemaVersionAsync(cancellationToken));
        var newest = await mas.NewestSessionOrTokenAsync(cancellationToken);

        var mapper = RunMapper.Create(configuration, options, source.SnapshotTime);
        var diff = new VerificationDiff(mapper.StartedAt);
        var tallies = MasSchema.WrittenTables.ToDictionary(
            table => table.Name, _ => (Missing: new DifferenceTally(), Unexpected: new DifferenceTally(), Different: new DifferenceTally()), StringComparer.Ordinal);
        var changedAfter = new DifferenceTally();

        var expected = MapAsync(new SynapseReader(source), mapper, cancellationToken);
        var actual = ReadAhead.RunAsync(mas.ReadByUserAsync(cancellationToken), ReadAheadUsers, ReadAheadBatches, cancellationToken);
        await foreach (var change in diff.CompareAsync(expected, actual, cancellationToken))
        {
            var tally = tallies[change.Table];
            (change.Kind switch
            {
                ChangeKind.Insert => tally.Missing,
                ChangeKind.Delete => tally.Unexpected,
                _ => tally.Different,
            }).Add(change.UserId, change.Columns);
            if (change.Kind == ChangeKind.Insert && newest is { } threshold && change.ExpectedCreatedAt > threshold && SessionTables.Contains(change.Table))
            {
                changedAfter.Add(change.UserId, []);
            }
        }

        var tables = MasSchema.WrittenTables
            .Select(table => new TableVerification(
                table.Name, diff.Matched[table.Name], tallies[table.Name].Missing.ToCount(), tallies[table.Name].Unexpected.ToCount(), tallies[table.Name].Different.ToCount()))
            .ToList();
        return new VerificationReport
        {
            Synapse = SynapseDatabaseInfo.Of(source),
            Mas = masInfo,
            SynapseInUse = synapseInUse,
            NewestMigratedSession = newest,
            Tables = tables,
            ChangedAfterMigration = changedAfter.ToCount(),
            Findings = Findings(source, synapseInUse, tables, changedAfter.ToCount(), newest),
        };
    }

    private static List<Finding> Findings(
        SynapseSource source, bool synapseInUse, IReadOnlyList<TableVerification> tables, DifferenceCount changedAfter, DateTimeOffset? newest)
    {
        var findings = new List<Finding>();
        if (changedAfter.Count > 0)
        {
            findings.Add(FindingCatalog.VerifySynapseChanged.Report(
                $"Synapse changed after the migration: {Quantity.Of(changedAfter.Count, "session or token", "sessions or tokens")} missing in MAS "
                + $"{(changedAfter.Count == 1 ? "was" : "were")} created in Synapse after MAS's newest migrated one ({newest:u}); Synapse was started "
                + "before the switch was finished. Stop it and migrate again into a blank MAS, or log those users in again after the switch.",
                changedAfter.Count, changedAfter.Examples));
        }

        foreach (var table in tables)
        {
            Add(FindingCatalog.VerifyMissingInMas, table.MissingInMas, $"{table.Table}: {{0}} missing in MAS");
            Add(FindingCatalog.VerifyUnexpectedInMas, table.UnexpectedInMas, $"{table.Table}: {{0}} in MAS that the migration rules do not give");
            Add(FindingCatalog.VerifyDifferent, table.Different, $"{table.Table}: {{0}} different in {string.Join(", ", table.Different.Columns ?? [])}");
        }

        if (synapseInUse)
        {
            findings.Add(FindingCatalog.SynapseRunning.Report(
                $"{Quantity.Of(source.OtherClients.Count, "other client", "other clients")} had {source.Description} open while it was read "
                + $"({string.Join(", ", source.OtherClients.Descriptions)}): Synapse may be running, and sessions and tokens it changes show up as differences.",
                source.OtherClients.Count));
        }

        if (source.OpenedImmutable)
        {
            findings.Add(FindingCatalog.SynapseSqliteImmutable.Report(
                $"{source.Description} was opened immutable (its folder is read-only): SQLite then ignores what a running Synapse writes."));
        }

        return findings;

        void Add(FindingCode code, DifferenceCount count, string message)
        {
            if (count.Count > 0)
            {
                findings.Add(code.Report(string.Format(null, message, Quantity.Of(count.Count, "row", "rows")), count.Count, count.Examples));
            }
        }
    }


    private static async IAsyncEnumerable<MappedUser> MapAsync(
        SynapseReader reader, UserMapper mapper, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var rows in ReadAhead.RunAsync(reader.ReadByUserAsync(cancellationToken), ReadAheadUsers, ReadAheadBatches, cancellationToken))
        {
            yield return mapper.Map(rows);
        }
    }
}
