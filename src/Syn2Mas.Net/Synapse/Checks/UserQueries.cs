namespace Syn2Mas.Net.Synapse.Checks;

/// <summary>Problem users, their threepids and Synapse's bookkeeping of them, as kinds of problem rows.</summary>
internal static class UserQueries
{
    public const string Malformed = "malformed";
    public const string WrongServer = "wrong-server";
    public const string CreationTimeMissing = "creation-time-missing";
    public const string Guest = "guest";
    public const string AppserviceColon = "appservice-colon";
    public const string NonEmail = "non-email";
    public const string WithoutEmail = "without-email";
    public const string PendingDeactivation = "pending";
    public const string Erased = "erased";

    /// <summary>
    /// User ids, creation times, guests and appservice localparts, in one pass over the problem users.
    /// Application service users are not migrated (rule 1), so their ids cannot make the migration fail and
    /// only the colon check looks at them.
    /// </summary>
    public static Task<IReadOnlyDictionary<string, ProblemSummary>> ProblemUsersAsync(SynapseSource source, string serverName, CancellationToken cancellationToken)
    {
        // The localpart ends at the first colon; substr and strpos/instr rather than LIKE, which is
        // case-insensitive for ASCII on SQLite.
        var colon = source.Position("name", "':'");
        var suffix = ":" + serverName;
        return ProblemRows.QueryAsync(source, $"""
            SELECT '{Malformed}' AS kind, name AS example FROM users
            WHERE appservice_id IS NULL AND (name IS NULL OR substr(name, 1, 1) <> '@' OR {colon} IN (0, 2))
            UNION ALL
            SELECT '{WrongServer}', name FROM users
            WHERE appservice_id IS NULL AND substr(name, 1, 1) = '@' AND {colon} > 2 AND substr(name, {colon} + 1) <> @serverName
            UNION ALL
            SELECT '{CreationTimeMissing}', name FROM users WHERE appservice_id IS NULL AND creation_ts IS NULL
            UNION ALL
            SELECT '{Guest}', name FROM users WHERE is_guest <> 0
            UNION ALL
            SELECT '{AppserviceColon}', name FROM users
            WHERE appservice_id IS NOT NULL AND substr(name, 1, 1) = '@' AND length(name) > @suffixLength + 1
              AND substr(name, length(name) - @suffixLength + 1) = @suffix
              AND {colon} < length(name) - @suffixLength + 1
            """, new { serverName, suffix, suffixLength = suffix.Length }, cancellationToken);
    }

    /// <summary>
    /// Threepids MAS cannot use, and migrated users who will have no email: users that are neither
    /// application service users, deactivated nor guests.
    /// </summary>
    public static Task<IReadOnlyDictionary<string, ProblemSummary>> ThreepidsAsync(SynapseSource source, CancellationToken cancellationToken)
    {
        const string Migrated = "appservice_id IS NULL AND deactivated = 0 AND is_guest = 0";

        // The users and the owners of emails are sorted together and grouped by id, where NOT EXISTS looked up
        // every user's threepids through the user_id index and read each row for its medium: random reads that
        // grew faster than the tables (5.8 times the CPU at 4M users than at 1M). Users without a name cannot
        // own an email; grouping would fold them into one, so they are counted apart, through users' index on name.
        return ProblemRows.QueryAsync(source, $"""
            SELECT '{NonEmail}' AS kind, user_id AS example FROM user_threepids WHERE medium <> 'email'
            UNION ALL
            SELECT '{WithoutEmail}', name FROM (
                SELECT name, 0 AS email FROM users WHERE {Migrated} AND name IS NOT NULL
                UNION ALL
                SELECT user_id, 1 FROM user_threepids WHERE {source.NotIndexed("medium")} = 'email'
            ) AS owners
            GROUP BY name HAVING max(email) = 0
            UNION ALL
            SELECT '{WithoutEmail}', name FROM users WHERE name IS NULL AND {Migrated}
            """, null, cancellationToken);
    }

    /// <summary>Synapse's GDPR and deactivation bookkeeping; either table may be absent from a trimmed schema.</summary>
    public static async Task<IReadOnlyDictionary<string, ProblemSummary>> BookkeepingAsync(SynapseSource source, CancellationToken cancellationToken)
    {
        var parts = new List<string>();
        if (source.Schema.HasTable("users_pending_deactivation"))
        {
            parts.Add($"SELECT '{PendingDeactivation}' AS kind, user_id AS example FROM users_pending_deactivation");
        }

        if (source.Schema.HasTable("erased_users"))
        {
            parts.Add($"SELECT '{Erased}' AS kind, user_id AS example FROM erased_users");
        }

        return parts.Count == 0
            ? new Dictionary<string, ProblemSummary>()
            : await ProblemRows.QueryAsync(source, string.Join("\nUNION ALL\n", parts), null, cancellationToken);
    }

    /// <summary>The users of each <c>appservice_id</c>, keyed by it.</summary>
    public static Task<IReadOnlyDictionary<string, ProblemSummary>> AppserviceUsersAsync(SynapseSource source, CancellationToken cancellationToken) =>
        ProblemRows.QueryAsync(source,
            "SELECT appservice_id AS kind, name AS example FROM users WHERE appservice_id IS NOT NULL", null, cancellationToken);
}
