namespace Syn2Mas.Net.Synapse;

/// <summary>
/// The names of the Synapse tables this tool reads, in one place: the reader's queries, the schema catalog,
/// the merge's order errors and the skipped rows (<c>SkippedRow.Table</c>) all spell them from here.
/// </summary>
internal static class SynapseTables
{
    public const string Users = "users";
    public const string UserThreepids = "user_threepids";
    public const string UserExternalIds = "user_external_ids";
    public const string Devices = "devices";
    public const string AccessTokens = "access_tokens";
    public const string RefreshTokens = "refresh_tokens";

    /// <summary>Bookkeeping tables read for reporting only.</summary>
    public const string ErasedUsers = "erased_users";

    public const string UsersPendingDeactivation = "users_pending_deactivation";
}
