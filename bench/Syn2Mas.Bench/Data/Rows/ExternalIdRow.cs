namespace Syn2Mas.Bench.Data.Rows;

/// <summary>A row of <c>user_external_ids</c>.</summary>
internal readonly record struct ExternalIdRow(string AuthProvider, string ExternalId, string UserId);
