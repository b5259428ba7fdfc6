using System.Text;

namespace Syn2Mas.Net.Verification;

/// <summary>
/// One difference between what the migration rules give from Synapse and what MAS holds, as data: the
/// MAS table, the kind of change, the row's natural key, the columns that differ, and both rows.
/// </summary>
/// <param name="Table">The MAS table, e.g. <c>compat_access_tokens</c>.</param>
/// <param name="UserId">The Synapse user id the row belongs to (<c>@username:server_name</c>), for examples; null for a row no user owns.</param>
/// <param name="Key">
/// The natural key, never a generated id: the username, the address, the device id, or for tokens and
/// deviceless sessions the token itself, which is why <see cref="KeyIsSecret"/> exists.
/// </param>
/// <param name="KeyIsSecret">The key is a token: compare it, never show it.</param>
/// <param name="Columns">For an <see cref="ChangeKind.Update"/>, the MAS columns that differ.</param>
/// <param name="Expected">The row the rules give (a <c>Mas*</c> record), null for a <see cref="ChangeKind.Delete"/>.</param>
/// <param name="Actual">The row MAS holds, null for an <see cref="ChangeKind.Insert"/>.</param>
internal sealed record RowChange(
    string Table,
    ChangeKind Kind,
    string? UserId,
    string Key,
    bool KeyIsSecret,
    IReadOnlyList<string> Columns,
    object? Expected,
    object? Actual)
{
    /// <summary>When the rules date the expected row; null when it has no creation time.</summary>
    public DateTimeOffset? ExpectedCreatedAt { get; init; }

    /// <summary>Leaves out the key when it is a secret; the rows' own ToString hides theirs.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Table = {Table}, Kind = {Kind}, UserId = {UserId}, Key = {(KeyIsSecret ? "(secret)" : Key)}, Columns = [{string.Join(", ", Columns)}]");
        return true;
    }
}
