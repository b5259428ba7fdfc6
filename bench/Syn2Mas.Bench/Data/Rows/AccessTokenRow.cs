namespace Syn2Mas.Bench.Data.Rows;

/// <summary>A row of <c>access_tokens</c>; times in milliseconds.</summary>
internal readonly record struct AccessTokenRow(
    long Id,
    string UserId,
    string? DeviceId,
    string Token,
    long? ValidUntilMs,
    string? PuppetsUserId,
    long? LastValidated,
    long? RefreshTokenId,
    bool? Used);
