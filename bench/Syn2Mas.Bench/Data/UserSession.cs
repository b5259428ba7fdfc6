namespace Syn2Mas.Bench.Data;

/// <summary>What every row of one user repeats: the user id, the localpart as tokens embed it, the creation time.</summary>
internal readonly record struct UserSession(string UserId, string LocalpartBase64, long CreationMs);
