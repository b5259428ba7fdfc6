namespace Syn2Mas.Bench.Data.Rows;

/// <summary>A row of <c>user_threepids</c>; times in milliseconds.</summary>
internal readonly record struct ThreepidRow(string UserId, string Medium, string Address, long ValidatedAt, long AddedAt);
