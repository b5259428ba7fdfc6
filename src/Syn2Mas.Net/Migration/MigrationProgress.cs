namespace Syn2Mas.Net.Migration;

/// <summary>
/// A progress event: the phase, and while copying the table, the rows written so far and an estimate of
/// the total (from <c>pg_class.reltuples</c> or SQLite's <c>max(rowid)</c>, so it may be off).
/// </summary>
/// <param name="Detail">What is happening now, e.g. "rebuilding index users_username_unique".</param>
public sealed record MigrationProgress(MigrationPhase Phase, string Detail, string? Table = null, long Rows = 0, long EstimatedRows = 0);
