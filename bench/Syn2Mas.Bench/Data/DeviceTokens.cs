namespace Syn2Mas.Bench.Data;

/// <summary>The access tokens (and refresh tokens) that sit on one visible device.</summary>
internal enum DeviceTokens
{
    None,
    One,
    Two,
    Three,

    /// <summary>One access token with its refresh token.</summary>
    RefreshPair,

    /// <summary>A pair whose refresh token points at a successor pair whose access token was used.</summary>
    RefreshChainUsed,

    /// <summary>A pair whose refresh token points at a successor pair not used yet.</summary>
    RefreshChainUnused,
}
