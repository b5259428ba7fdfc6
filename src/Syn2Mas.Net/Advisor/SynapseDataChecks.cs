using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Mapping;
using Syn2Mas.Net.Reporting;
using Syn2Mas.Net.Synapse;
using Syn2Mas.Net.Synapse.Checks;

namespace Syn2Mas.Net.Advisor;

/// <summary>
/// The advisor's checks of Synapse's data (behaviour.md, "How rows are mapped" and "Checks"): every data
/// problem that would make the migration fail or lose something, with counts and a few example user ids,
/// and the exact table counts. Each family of checks is one set-based statement, so that a homeserver with
/// a million users is checked in seconds.
/// </summary>
internal static class SynapseDataChecks
{
    public static async Task<SynapseDataReport> RunAsync(
        SynapseSource source,
        SynapseConfig config,
        UpstreamProviderMapping mapping,
        AdvisorOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(options);

        // Nothing else can be read from a database that is not Synapse's or predates a table we read.
        if (UnreadableSchema(source) is { } refusal)
        {
            return new SynapseDataReport([refusal], null);
        }

        if (SynapseColumnChecks.Run(source) is { Count: > 0 } unreadableColumns)
        {
            return new SynapseDataReport(unreadableColumns, null);
        }

        var findings = new List<Finding> { SchemaNote(source) };
        var authProviders = await AuthProviderQueries.UsageAsync(source, cancellationToken);
        var counts = SynapseCounts.Of(await CountQueries.ReadAsync(source, cancellationToken), authProviders);

        var rows = await RowScan.RunAsync(source, SynapseTime.PlausibleFrom, cancellationToken);

        findings.AddRange(await UserFindingsAsync(source, config, options, cancellationToken));
        findings.AddRange(await OrphanFindingsAsync(source, options, cancellationToken));
        findings.AddRange(NulCharacterFindings(rows, options));
        findings.AddRange(await HiddenDeviceTokenFindingsAsync(source, cancellationToken));
        findings.AddRange(await DeviceIpFindingsAsync(source, cancellationToken));
        findings.AddRange(await ThreepidFindingsAsync(source, cancellationToken));
        findings.AddRange(await BookkeepingFindingsAsync(source, cancellationToken));
        findings.AddRange(await AuthProviderChecks.RunAsync(source, authProviders, config, mapping, options, cancellationToken));
        findings.AddRange(ValueChecks.Judge(rows, options));
        findings.AddRange(TimeChecks.Judge(rows, source.SnapshotTime));
        findings.AddRange(await TokenChecks.RunAsync(source, cancellationToken));
        findings.AddRange(await CaseChecks.RunAsync(source, findings.Any(finding => finding.Code == FindingCatalog.OrphanRows.Code), cancellationToken));
        findings.AddRange(await EmailChecks.RunAsync(source, cancellationToken));
        findings.AddRange(await AppserviceChecks.RunAsync(source, config, cancellationToken));
        return new SynapseDataReport(findings, counts);
    }

    private static Finding? UnreadableSchema(SynapseSource source)
    {
        var schema = source.Schema;
        if (schema.Version is null)
        {
            return FindingCatalog.SynapseNotSynapseDatabase.Report(
                $"{source.Description} has no schema_version table: it is not a Synapse database; check the database Synapse's homeserver.yaml names");
        }

        // Before the missing-table check: a genuinely old Synapse lacks refresh_tokens, and "upgrade" is the useful advice.
        if (schema.Version < SynapseSchemaInfo.MinimumSchemaVersion)
        {
            return FindingCatalog.SynapseSchemaTooOld.Report(
                $"{source.Description} is at Synapse schema {schema.Version}, older than {SynapseSchemaInfo.MinimumSchemaVersion} (Synapse 1.38); upgrade Synapse and start it once, then migrate");
        }

        var missing = schema.MissingRequiredTables.ToList();
        return missing.Count == 0
            ? null
            : FindingCatalog.SynapseNotSynapseDatabase.Report(
                $"{source.Description} has schema_version {schema.Version} but lacks the tables {string.Join(", ", missing)}: it is not a complete Synapse database");
    }

    private static Finding SchemaNote(SynapseSource source)
    {
        var present = SynapseSchemaInfo.OptionalColumns.Where(column => HasColumn(source, column)).ToList();
        var missing = SynapseSchemaInfo.OptionalColumns.Where(column => !HasColumn(source, column)).ToList();
        var dialect = source.Dialect == SynapseDialect.Postgres ? "PostgreSQL" : "SQLite";
        var message = $"Synapse schema {source.Schema.Version} ({dialect}); optional columns present: {List(present)}";
        if (missing.Count > 0)
        {
            message += $"; missing: {List(missing)}";
        }

        if (missing.Contains("users.locked"))
        {
            message += " (no user is locked)";
        }

        return FindingCatalog.SynapseSchema.Report(message);

        static bool HasColumn(SynapseSource source, string qualified)
        {
            var dot = qualified.IndexOf('.', StringComparison.Ordinal);
            return source.Schema.HasColumn(qualified[..dot], qualified[(dot + 1)..]);
        }

        static string List(IReadOnlyList<string> columns) => columns.Count == 0 ? "none" : string.Join(", ", columns);
    }

    /// <summary>User ids, creation times, guests and appservice localparts (<see cref="UserQueries.ProblemUsersAsync"/>).</summary>
    private static async Task<IReadOnlyList<Finding>> UserFindingsAsync(
        SynapseSource source, SynapseConfig config, AdvisorOptions options, CancellationToken cancellationToken)
    {
        var problems = await UserQueries.ProblemUsersAsync(source, config.ServerName, cancellationToken);
        var invalidSeverity = AdvisorOptions.ErrorUnless(options.SkipInvalidUsers);
        var invalidConsequence = options.SkipInvalidUsers
            ? "--skip-invalid-users skips them and everything they own"
            : "the migration would fail on them; fix them in Synapse or pass --skip-invalid-users to skip them";
        var findings = new List<Finding>();
        findings.AddIfFound(problems, UserQueries.Malformed, FindingCatalog.UserIdMalformed, malformed =>
            $"{Quantity.Of(malformed.Count, "user", "users")} with an id that is not @localpart:server (NULL and empty localparts included); {invalidConsequence}",
            invalidSeverity);
        findings.AddIfFound(problems, UserQueries.WrongServer, FindingCatalog.UserIdWrongServer, wrongServer =>
            $"{Quantity.Of(wrongServer.Count, "user", "users")} with an id whose server part is not `{config.ServerName}`; {invalidConsequence}",
            invalidSeverity);
        findings.AddIfFound(problems, UserQueries.CreationTimeMissing, FindingCatalog.CreationTimeMissing, noCreationTime =>
            $"{Quantity.Of(noCreationTime.Count, "user", "users")} without creation_ts: MAS will record the migration's start time as their creation time");
        findings.AddIfFound(problems, UserQueries.Guest, FindingCatalog.GuestUsers, guests =>
            $"{Quantity.Of(guests.Count, "guest user", "guest users")}: migrated as guests, without their devices and tokens");
        findings.AddIfFound(problems, UserQueries.AppserviceColon, FindingCatalog.AppserviceLocalpartWithColon, colonLocalparts =>
            $"{colonLocalparts.Count} application service users have a `:` in their localpart; they are skipped like every application service user");
        return findings;
    }

    /// <summary>Rows naming a user who is not in <c>users</c> (rule 7), per table.</summary>
    private static async Task<IReadOnlyList<Finding>> OrphanFindingsAsync(SynapseSource source, AdvisorOptions options, CancellationToken cancellationToken)
    {
        var problems = await RowQueries.OrphansAsync(source, cancellationToken);
        var severity = AdvisorOptions.ErrorUnless(options.SkipOrphans);
        var consequence = options.SkipOrphans
            ? "--skip-orphans skips them"
            : "the migration would fail on them; delete them in Synapse or pass --skip-orphans to skip them";
        var findings = new List<Finding>();
        foreach (var table in RowQueries.DependentTables)
        {
            findings.AddIfFound(problems, table, FindingCatalog.OrphanRows, orphans =>
                $"{Quantity.Of(orphans.Count, "row", "rows")} of {table} belonging to no user in `users`; {consequence}",
                severity);
        }

        return findings;
    }

    /// <summary>Text the migration would write that PostgreSQL cannot store, per column, with the owners as examples.</summary>
    private static List<Finding> NulCharacterFindings(IReadOnlyDictionary<string, ProblemSummary> problems, AdvisorOptions options)
    {
        var findings = new List<Finding>();
        foreach (var column in WrittenTextColumns.All.Select(entry => $"{entry.Table}.{entry.Column}"))
        {
            // The message names the column, never the value: password_hash and token are secrets.
            findings.AddIfFound(problems, RowQueries.NulKind(column), FindingCatalog.NulCharacters, rows =>
                $"{Quantity.Of(rows.Count, "row", "rows")} with a NUL character in {column}, which PostgreSQL cannot store; correct them in Synapse's database, or pass --skip-invalid-users to skip those rows",
                AdvisorOptions.ErrorUnless(options.SkipInvalidUsers));
        }

        return findings;
    }

    private static async Task<IReadOnlyList<Finding>> HiddenDeviceTokenFindingsAsync(SynapseSource source, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        findings.AddIfFound(await RowQueries.TokensOnHiddenDevicesAsync(source, cancellationToken), RowQueries.TokensOnHiddenDevices, FindingCatalog.TokensOnHiddenDevices, hidden =>
            $"{Quantity.Of(hidden.Count, "access token", "access tokens")} on hidden devices: their sessions are migrated too, so that no token points at a missing session");
        return findings;
    }

    /// <summary>
    /// Device IPs the migration will drop. The strict parse runs in .NET (the same <see cref="DeviceIp"/> the
    /// migration uses), so the candidate rows are streamed rather than loaded: there can be millions.
    /// </summary>
    private static async Task<IReadOnlyList<Finding>> DeviceIpFindingsAsync(SynapseSource source, CancellationToken cancellationToken)
    {
        long count = 0;
        var examples = new SortedSet<(string UserId, string DeviceId)>(Comparer<(string UserId, string DeviceId)>.Create((left, right) =>
        {
            var byUser = string.CompareOrdinal(left.UserId, right.UserId);
            return byUser != 0 ? byUser : string.CompareOrdinal(left.DeviceId, right.DeviceId);
        }));
        await foreach (var (userId, deviceId, ip) in RowQueries.DeviceIpsAsync(source, cancellationToken))
        {
            if (!DeviceIp.IsUnparsable(ip))
            {
                continue;
            }

            count++;
            examples.Add((userId, deviceId));
            if (examples.Count > Finding.MaxExamples)
            {
                examples.Remove(examples.Max);
            }
        }

        return count == 0
            ? []
            : [FindingCatalog.DeviceIpUnparsable.Report(
                $"{Quantity.Of(count, "device", "devices")} with an IP that is neither IPv4 nor IPv6: their sessions are migrated without an IP",
                count,
                examples.Select(example => $"{ExampleText.Of(example.UserId)} (device {ExampleText.Of(example.DeviceId)})").ToList())];
    }

    /// <summary>Threepids MAS cannot use, and migrated users who will have no email.</summary>
    private static async Task<IReadOnlyList<Finding>> ThreepidFindingsAsync(SynapseSource source, CancellationToken cancellationToken)
    {
        var problems = await UserQueries.ThreepidsAsync(source, cancellationToken);
        var findings = new List<Finding>();
        findings.AddIfFound(problems, UserQueries.NonEmail, FindingCatalog.NonEmailThreepids, nonEmail =>
            $"{Quantity.Of(nonEmail.Count, "third-party id", "third-party ids")} other than email (phone numbers): MAS keeps them as unsupported third-party ids that cannot be used to log in or recover an account");
        findings.AddIfFound(problems, UserQueries.WithoutEmail, FindingCatalog.UsersWithoutEmail, withoutEmail =>
            $"{Quantity.Of(withoutEmail.Count, "active user", "active users")} without an email address: they cannot recover a lost password in MAS");
        return findings;
    }

    /// <summary>Synapse's GDPR and deactivation bookkeeping.</summary>
    private static async Task<IReadOnlyList<Finding>> BookkeepingFindingsAsync(SynapseSource source, CancellationToken cancellationToken)
    {
        var problems = await UserQueries.BookkeepingAsync(source, cancellationToken);
        var findings = new List<Finding>();
        findings.AddIfFound(problems, UserQueries.PendingDeactivation, FindingCatalog.UsersPendingDeactivation, pending =>
            $"{Quantity.Of(pending.Count, "user", "users")} still being deactivated by Synapse: let Synapse finish (keep it running) before migrating");
        findings.AddIfFound(problems, UserQueries.Erased, FindingCatalog.UsersErased, erased =>
            $"{Quantity.Of(erased.Count, "user", "users")} erased under GDPR (erased_users): MAS does not record erasure, so keep Synapse's record");
        return findings;
    }
}
