namespace Syn2Mas.Net.Mas;

/// <summary>
/// Which user a row of a written table belongs to, as SQL, so that a failed constraint can name the
/// Synapse user whose data broke it instead of quoting the offending value (often a secret).
/// </summary>
internal static class MasRowOwners
{
    /// <summary>
    /// An expression giving the MAS username owning the row aliased <c>t</c> of <paramref name="table"/>,
    /// or null for a table this tool does not write.
    /// </summary>
    public static string? UsernameSql(string table)
    {
        if (table == MasSchema.Users.Name)
        {
            return "t.username";
        }

        if (table == MasSchema.CompatAccessTokens.Name || table == MasSchema.CompatRefreshTokens.Name)
        {
            return $"(SELECT u.username FROM \"{MasSchema.CompatSessions.Name}\" AS s JOIN \"{MasSchema.Users.Name}\" AS u ON u.user_id = s.user_id "
                + "WHERE s.compat_session_id = t.compat_session_id)";
        }

        return MasSchema.WrittenTable(table) is { } written && written.Column("user_id") is not null
            ? $"(SELECT u.username FROM \"{MasSchema.Users.Name}\" AS u WHERE u.user_id = t.user_id)"
            : null;
    }
}
