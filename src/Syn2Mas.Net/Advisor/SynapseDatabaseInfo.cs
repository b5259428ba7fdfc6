namespace Syn2Mas.Net.Advisor;

/// <summary>Which Synapse database was read, without secrets.</summary>
/// <param name="OptionalColumns">The optional columns (<c>users.locked</c>, …) the database has.</param>
public sealed record SynapseDatabaseInfo(string Dialect, string Database, int? SchemaVersion, IReadOnlyList<string> OptionalColumns);
