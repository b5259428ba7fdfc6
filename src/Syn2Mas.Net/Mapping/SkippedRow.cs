namespace Syn2Mas.Net.Mapping;

/// <summary>A Synapse row the migration does not write, and why.</summary>
/// <param name="Table">The Synapse table the row came from (<see cref="SynapseTables"/>).</param>
/// <param name="Reason">One of <see cref="SkipReasons"/>: stable text, part of the report's format.</param>
/// <param name="UserId">
/// The Synapse user id the row belongs to, the only detail kept: rows hold secrets (tokens, password
/// hashes) that must never reach a report. Null for a <c>users</c> row whose name is NULL.
/// </param>
internal sealed record SkippedRow(string Table, string Reason, string? UserId);
