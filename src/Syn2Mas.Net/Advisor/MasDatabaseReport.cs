namespace Syn2Mas.Net.Advisor;

/// <summary>What the MAS database checks found.</summary>
/// <param name="SchemaVersion">The newest successfully applied MAS migration, for the report; null when
/// the database has no <c>_sqlx_migrations</c> table or no migration in it.</param>
internal sealed record MasDatabaseReport(IReadOnlyList<Finding> Findings, long? SchemaVersion);
