namespace Syn2Mas.Net.Mapping;

/// <summary>The names of the Synapse tables rows are read from, as <see cref="SkippedRow.Table"/> reports them.</summary>
public static class SynapseTables
{
    public const string Users = "users";
    public const string UserThreepids = "user_threepids";
    public const string UserExternalIds = "user_external_ids";
    public const string Devices = "devices";
    public const string AccessTokens = "access_tokens";
    public const string RefreshTokens = "refresh_tokens";
}
