namespace Syn2Mas.Net.Mas;

/// <summary>A <c>compat_refresh_tokens</c> row as MAS holds it, with <c>consumed_at</c>, which the migration never sets.</summary>
internal sealed record MasStoredRefreshToken(MasCompatRefreshToken Token, DateTimeOffset? ConsumedAt);
