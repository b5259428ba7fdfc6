namespace Syn2Mas.Bench.Data.Rows;

/// <summary>A row of <c>refresh_tokens</c>; times in milliseconds.</summary>
internal readonly record struct RefreshTokenRow(
    long Id,
    string UserId,
    string DeviceId,
    string Token,
    long? NextTokenId,
    long? ExpiryTs,
    long? UltimateSessionExpiryTs);
