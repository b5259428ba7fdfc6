using Syn2Mas.Net.Mapping;
using Syn2Mas.Net.Mas;

namespace Syn2Mas.Net.Migration;

/// <summary>
/// One pass over Synapse's snapshot: the tables it merges user by user, and the one MAS table it copies
/// into. PostgreSQL runs one COPY at a time on a connection, and the whole write is one transaction on one
/// connection, so each MAS table gets a pass of its own; ids that cross tables are derived, not remembered.
/// </summary>
/// <param name="SourceTable">The Synapse table whose rows this MAS table is made from.</param>
/// <param name="CountsSource">
/// This pass is the first to read <paramref name="SourceTable"/>: it counts the rows read and skipped, so
/// later passes over the same table do not count them again.
/// </param>
internal sealed record MigrationPass(
    string Table,
    string SourceTable,
    bool ReadsThreepids,
    bool ReadsExternalIds,
    bool ReadsSessions,
    bool CountsSource,
    Func<MasWriter, IAsyncEnumerable<MappedUser>, CancellationToken, Task<long>> CopyAsync)
{
    public static IReadOnlyList<MigrationPass> All { get; } =
    [
        new("users", "users", false, false, false, true,
            (writer, users, ct) => writer.CopyUsersAsync(Rows(users, user => user.User), ct)),
        new("user_passwords", "users", false, false, false, false,
            (writer, users, ct) => writer.CopyUserPasswordsAsync(Rows(users, user => user.Password), ct)),
        new("user_emails", "user_threepids", true, false, false, true,
            (writer, users, ct) => writer.CopyUserEmailsAsync(Rows(users, user => user.Emails), ct)),
        new("user_unsupported_third_party_ids", "user_threepids", true, false, false, false,
            (writer, users, ct) => writer.CopyUnsupportedThreepidsAsync(Rows(users, user => user.UnsupportedThreepids), ct)),
        new("upstream_oauth_links", "user_external_ids", false, true, false, true,
            (writer, users, ct) => writer.CopyUpstreamOauthLinksAsync(Rows(users, user => user.UpstreamOauthLinks), ct)),
        new("compat_sessions", "devices", false, false, true, true,
            (writer, users, ct) => writer.CopyCompatSessionsAsync(Rows(users, user => user.CompatSessions), ct)),
        new("compat_access_tokens", "access_tokens", false, false, true, true,
            (writer, users, ct) => writer.CopyCompatAccessTokensAsync(Rows(users, user => user.CompatAccessTokens), ct)),
        new("compat_refresh_tokens", "refresh_tokens", false, false, true, true,
            (writer, users, ct) => writer.CopyCompatRefreshTokensAsync(Rows(users, user => user.CompatRefreshTokens), ct)),
    ];

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

    private static async IAsyncEnumerable<T> Rows<T>(IAsyncEnumerable<MappedUser> users, Func<MappedUser, T?> select)
        where T : class
    {
        await foreach (var user in users)
        {
            if (select(user) is { } row)
            {
                yield return row;
            }
        }
    }
}
