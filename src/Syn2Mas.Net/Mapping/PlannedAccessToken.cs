namespace Syn2Mas.Net.Mapping;

/// <summary>What <see cref="CompatSessionMapper"/> decided for one Synapse access token before writing anything.</summary>
internal struct PlannedAccessToken
{
    /// <summary>Migrated or skipped: every access token is one or the other, exactly once.</summary>
    public bool Decided;

    public bool Migrated;

    /// <summary>The index of its device in the user's devices, or -1 for a deviceless token.</summary>
    public int Device;

    /// <summary>The index of the refresh token it pairs with (rule 5), or -1.</summary>
    public int RefreshToken;

    public DateTimeOffset CreatedAt;

    public DateTimeOffset? ExpiresAt;
}
