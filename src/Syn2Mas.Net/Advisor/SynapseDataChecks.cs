using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Mapping;
using Syn2Mas.Net.Reporting;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Advisor;

/// <summary>
/// The advisor's checks of Synapse's data (behaviour.md, "How rows are mapped" and "Checks"): every data
/// problem that would make the migration fail or lose something, with counts and a few example user ids,
/// and the exact table counts. Each family of checks is one set-based statement, so that a homeserver with
/// a million users is checked in seconds.
/// </summary>
public static class SynapseDataChecks
{
    /// <summary>The tables whose rows name a user in <c>user_id</c>, in the order the migration reads them.</summary>
    private static readonly string[] DependentTables = ["user_threepids", "user_external_ids", "devices", "access_tokens", "refresh_tokens"];

    /// <summary>
    /// The text columns the migration writes into MAS, with the column naming the user who owns the row.
    /// </summary>
    private static readonly (string Table, string Column, string Owner)[] WrittenTextColumns =
    [
        ("users", "name", "name"),
        ("users", "password_hash", "name"),
        ("user_threepids", "medium", "user_id"),
        ("user_threepids", "address", "user_id"),
        ("user_external_ids", "auth_provider", "user_id"),
        ("user_external_ids", "external_id", "user_id"),
        ("devices", "device_id", "user_id"),
        ("devices", "display_name", "user_id"),
        ("devices", "user_agent", "user_id"),
        ("devices", "ip", "user_id"),
        ("access_tokens", "token", "user_id"),
        ("refresh_tokens", "token", "user_id"),
    ];

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
        var authProviders = await AuthProviderChecks.ReadUsageAsync(source, cancellationToken);
        var counts = await SynapseCountQueries.ReadAsync(source, authProviders, cancellationToken);

        findings.AddRange(await UserFindingsAsync(source, config, options, cancellationToken));
        findings.AddRange(await OrphanFindingsAsync(source, options, cancellationToken));
        findings.AddRange(await NulCharacterFindingsAsync(source, options, cancellationToken));
        findings.AddRange(await HiddenDeviceTokenFindingsAsync(source, cancellationToken));
        findings.AddRange(await DeviceIpFindingsAsync(source, cancellationToken));
        findings.AddRange(await ThreepidFindingsAsync(source, cancellationToken));
        findings.AddRange(await BookkeepingFindingsAsync(source, cancellationToken));
        findings.AddRange(await AuthProviderChecks.RunAsync(source, authProviders, config, mapping, options, cancellationToken));
        findings.AddRange(await ValueChecks.RunAsync(source, WrittenTextColumns, options, cancellationToken));
        findings.AddRange(await TimeChecks.RunAsync(source, cancellationToken));
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

    /// <summary>
    /// User ids, creation times, guests and appservice localparts, in one pass over the problem users.
    /// Application service users are not migrated (rule 1), so their ids cannot make the migration fail and
    /// only the colon check looks at them.
    /// </summary>
    private static async Task<IReadOnlyList<Finding>> UserFindingsAsync(
        SynapseSource source, SynapseConfig config, AdvisorOptions options, CancellationToken cancellationToken)
    {
        // The localpart ends at the first colon (behaviour.md); substr and strpos/instr rather than LIKE,
        // which is case-insensitive for ASCII on SQLite.
        var colon = source.Position("name", "':'");
        var suffix = ":" + config.ServerName;
        var problems = await ProblemRows.QueryAsync(source, $"""
            SELECT 'malformed' AS kind, name AS example FROM users
            WHERE appservice_id IS NULL AND (name IS NULL OR substr(name, 1, 1) <> '@' OR {colon} IN (0, 2))
            UNION ALL
            SELECT 'wrong-server', name FROM users
            WHERE appservice_id IS NULL AND substr(name, 1, 1) = '@' AND {colon} > 2 AND substr(name, {colon} + 1) <> @serverName
            UNION ALL
            SELECT 'creation-time-missing', name FROM users WHERE appservice_id IS NULL AND creation_ts IS NULL
            UNION ALL
            SELECT 'guest', name FROM users WHERE is_guest <> 0
            UNION ALL
            SELECT 'appservice-colon', name FROM users
            WHERE appservice_id IS NOT NULL AND substr(name, 1, 1) = '@' AND length(name) > @suffixLength + 1
              AND substr(name, length(name) - @suffixLength + 1) = @suffix
              AND {colon} < length(name) - @suffixLength + 1
            """, new { serverName = config.ServerName, suffix, suffixLength = suffix.Length }, cancellationToken);

        var invalidSeverity = AdvisorOptions.ErrorUnless(options.SkipInvalidUsers);
        var invalidConsequence = options.SkipInvalidUsers
            ? "--skip-invalid-users skips them and everything they own"
            : "the migration would fail on them; fix them in Synapse or pass --skip-invalid-users to skip them";
        var findings = new List<Finding>();
        if (problems.TryGetValue("malformed", out var malformed))
        {
            findings.Add(FindingCatalog.UserIdMalformed.Report(invalidSeverity,
                $"{Quantity.Of(malformed.Count, "user", "users")} with an id that is not @localpart:server (NULL and empty localparts included); {invalidConsequence}",
                malformed.Count, malformed.Examples));
        }

        if (problems.TryGetValue("wrong-server", out var wrongServer))
        {
            findings.Add(FindingCatalog.UserIdWrongServer.Report(invalidSeverity,
                $"{Quantity.Of(wrongServer.Count, "user", "users")} with an id whose server part is not `{config.ServerName}`; {invalidConsequence}",
                wrongServer.Count, wrongServer.Examples));
        }

        if (problems.TryGetValue("creation-time-missing", out var noCreationTime))
        {
            findings.Add(FindingCatalog.CreationTimeMissing.Report(
                $"{Quantity.Of(noCreationTime.Count, "user", "users")} without creation_ts: MAS will record the migration's start time as their creation time",
                noCreationTime.Count, noCreationTime.Examples));
        }

        if (problems.TryGetValue("guest", out var guests))
        {
            findings.Add(FindingCatalog.GuestUsers.Report(
                $"{Quantity.Of(guests.Count, "guest user", "guest users")}: migrated as guests, without their devices and tokens",
                guests.Count, guests.Examples));
        }

        if (problems.TryGetValue("appservice-colon", out var colonLocalparts))
        {
            findings.Add(FindingCatalog.AppserviceLocalpartWithColon.Report(
                $"{colonLocalparts.Count} application service users have a `:` in their localpart; they are skipped like every application service user",
                colonLocalparts.Count, colonLocalparts.Examples));
        }

        return findings;
    }

    /// <summary>Rows naming a user who is not in <c>users</c> (rule 7), per table, as anti-joins on the users(name) index.</summary>
    private static async Task<IReadOnlyList<Finding>> OrphanFindingsAsync(SynapseSource source, AdvisorOptions options, CancellationToken cancellationToken)
    {
        var problems = await ProblemRows.QueryAsync(source, string.Join("\nUNION ALL\n", DependentTables.Select(table => $"""
            SELECT '{table}' AS kind, t.user_id AS example FROM {table} AS t
            WHERE NOT EXISTS (SELECT 1 FROM users AS u WHERE u.name = t.user_id)
            """)), null, cancellationToken);

        var severity = AdvisorOptions.ErrorUnless(options.SkipOrphans);
        var consequence = options.SkipOrphans
            ? "--skip-orphans skips them"
            : "the migration would fail on them; delete them in Synapse or pass --skip-orphans to skip them";
        return DependentTables
            .Where(problems.ContainsKey)
            .Select(table => FindingCatalog.OrphanRows.Report(severity,
                $"{Quantity.Of(problems[table].Count, "row", "rows")} of {table} belonging to no user in `users`; {consequence}",
                problems[table].Count, problems[table].Examples))
            .ToList();
    }

    /// <summary>Text the migration would write that PostgreSQL cannot store, per column, with the owners as examples.</summary>
    private static async Task<IReadOnlyList<Finding>> NulCharacterFindingsAsync(SynapseSource source, AdvisorOptions options, CancellationToken cancellationToken)
    {
        // PostgreSQL refuses a NUL character in text outright (invalid byte sequence), so a Synapse database
        // on PostgreSQL cannot hold one and there is nothing to look for; only SQLite stores them.
        if (source.Dialect == SynapseDialect.Postgres)
        {
            return [];
        }

        // One scan per table, not per column: the rows with a NUL anywhere are set aside once (few, if any),
        // and only they are split by column.
        var tables = WrittenTextColumns.GroupBy(entry => (entry.Table, entry.Owner)).ToList();
        var candidates = tables.Select((table, index) =>
            $"""
            nul_{index} AS MATERIALIZED (
                SELECT {string.Join(", ", table.Select(entry => entry.Column).Append(table.Key.Owner).Distinct())} FROM {table.Key.Table}
                WHERE {string.Join(" OR ", table.Select(entry => $"instr({entry.Column}, char(0)) > 0"))})
            """);
        var perColumn = tables.SelectMany((table, index) => table.Select(entry =>
            $"SELECT '{entry.Table}.{entry.Column}' AS kind, {entry.Owner} AS example FROM nul_{index} WHERE instr({entry.Column}, char(0)) > 0"));
        var problems = await ProblemRows.QueryAsync(
            source, string.Join(",\n", candidates), string.Join("\nUNION ALL\n", perColumn), null, cancellationToken);

        // The message names the column, never the value: password_hash and token are secrets.
        return WrittenTextColumns
            .Select(entry => $"{entry.Table}.{entry.Column}")
            .Where(problems.ContainsKey)
            .Select(column => FindingCatalog.NulCharacters.Report(
                AdvisorOptions.ErrorUnless(options.SkipInvalidUsers),
                $"{Quantity.Of(problems[column].Count, "row", "rows")} with a NUL character in {column}, which PostgreSQL cannot store; correct them in Synapse's database, or pass --skip-invalid-users to skip those rows",
                problems[column].Count, problems[column].Examples))
            .ToList();
    }

    private static async Task<IReadOnlyList<Finding>> HiddenDeviceTokenFindingsAsync(SynapseSource source, CancellationToken cancellationToken)
    {
        // Hidden devices are few and access_tokens is the largest table: CROSS JOIN makes SQLite start from
        // devices (it keeps the written join order), PostgreSQL plans it as any inner join.
        var problems = await ProblemRows.QueryAsync(source, $"""
            SELECT 'hidden' AS kind, d.user_id AS example
            FROM devices AS d CROSS JOIN access_tokens AS a
            WHERE {source.IsTrue("d.hidden")} AND a.user_id = d.user_id AND a.device_id = d.device_id
            """, null, cancellationToken);
        return problems.TryGetValue("hidden", out var hidden)
            ? [FindingCatalog.TokensOnHiddenDevices.Report(
                $"{Quantity.Of(hidden.Count, "access token", "access tokens")} on hidden devices: their sessions are migrated too, so that no token points at a missing session",
                hidden.Count, hidden.Examples)]
            : [];
    }

    /// <summary>
    /// Device IPs the migration will drop. The strict parse runs in .NET (the same <see cref="DeviceIp"/> the
    /// migration uses), so the candidate rows are streamed rather than loaded: there can be millions.
    /// </summary>
    private static async Task<IReadOnlyList<Finding>> DeviceIpFindingsAsync(SynapseSource source, CancellationToken cancellationToken)
    {
        await using var command = source.Connection.CreateCommand();
        command.Transaction = source.Transaction;
        command.CommandText = "SELECT user_id, device_id, ip FROM devices WHERE ip IS NOT NULL AND ip <> '' AND ip <> '-'";

        long count = 0;
        var examples = new SortedSet<(string UserId, string DeviceId)>(Comparer<(string UserId, string DeviceId)>.Create((left, right) =>
        {
            var byUser = string.CompareOrdinal(left.UserId, right.UserId);
            return byUser != 0 ? byUser : string.CompareOrdinal(left.DeviceId, right.DeviceId);
        }));
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (!DeviceIp.IsUnparsable(reader.GetString(2)))
                {
                    continue;
                }

                count++;
                examples.Add((reader.GetString(0), reader.GetString(1)));
                if (examples.Count > Finding.MaxExamples)
                {
                    examples.Remove(examples.Max);
                }
            }
        }

        return count == 0
            ? []
            : [FindingCatalog.DeviceIpUnparsable.Report(
                $"{Quantity.Of(count, "device", "devices")} with an IP that is neither IPv4 nor IPv6: their sessions are migrated without an IP",
                count,
                examples.Select(example => $"{ExampleText.Of(example.UserId)} (device {ExampleText.Of(example.DeviceId)})").ToList())];
    }

    /// <summary>
    /// Threepids MAS cannot use, and migrated users who will have no email: users that are neither
    /// application service users, deactivated nor guests (rule 2 gives deactivated users no emails anyway).
    /// </summary>
    private static async Task<IReadOnlyList<Finding>> ThreepidFindingsAsync(SynapseSource source, CancellationToken cancellationToken)
    {
        var problems = await ProblemRows.QueryAsync(source, $"""
            SELECT 'non-email' AS kind, user_id AS example FROM user_threepids WHERE medium <> 'email'
            UNION ALL
            SELECT 'without-email', u.name FROM users AS u
            WHERE u.appservice_id IS NULL AND u.deactivated = 0 AND u.is_guest = 0
              AND NOT EXISTS (SELECT 1 FROM user_threepids AS t WHERE t.user_id = u.name AND {source.NotIndexed("t.medium")} = 'email')
            """, null, cancellationToken);

        var findings = new List<Finding>();
        if (problems.TryGetValue("non-email", out var nonEmail))
        {
            findings.Add(FindingCatalog.NonEmailThreepids.Report(
                $"{Quantity.Of(nonEmail.Count, "third-party id", "third-party ids")} other than email (phone numbers): MAS keeps them as unsupported third-party ids that cannot be used to log in or recover an account",
                nonEmail.Count, nonEmail.Examples));
        }

        if (problems.TryGetValue("without-email", out var withoutEmail))
        {
            findings.Add(FindingCatalog.UsersWithoutEmail.Report(
                $"{Quantity.Of(withoutEmail.Count, "active user", "active users")} without an email address: they cannot recover a lost password in MAS",
                withoutEmail.Count, withoutEmail.Examples));
        }

        return findings;
    }

    /// <summary>Synapse's GDPR and deactivation bookkeeping; either table may be absent from a trimmed schema.</summary>
    private static async Task<IReadOnlyList<Finding>> BookkeepingFindingsAsync(SynapseSource source, CancellationToken cancellationToken)
    {
        var parts = new List<string>();
        if (source.Schema.HasTable("users_pending_deactivation"))
        {
            parts.Add("SELECT 'pending' AS kind, user_id AS example FROM users_pending_deactivation");
        }

        if (source.Schema.HasTable("erased_users"))
        {
            parts.Add("SELECT 'erased' AS kind, user_id AS example FROM erased_users");
        }

        if (parts.Count == 0)
        {
            return [];
        }

        var problems = await ProblemRows.QueryAsync(source, string.Join("\nUNION ALL\n", parts), null, cancellationToken);
        var findings = new List<Finding>();
        if (problems.TryGetValue("pending", out var pending))
        {
            findings.Add(FindingCatalog.UsersPendingDeactivation.Report(
                $"{Quantity.Of(pending.Count, "user", "users")} still being deactivated by Synapse: let Synapse finish (keep it running) before migrating",
                pending.Count, pending.Examples));
        }

        if (problems.TryGetValue("erased", out var erased))
        {
            findings.Add(FindingCatalog.UsersErased.Report(
                $"{Quantity.Of(erased.Count, "user", "users")} erased under GDPR (erased_users): MAS does not record erasure, so keep Synapse's record",
                erased.Count, erased.Examples));
        }

        return findings;
    }
}
