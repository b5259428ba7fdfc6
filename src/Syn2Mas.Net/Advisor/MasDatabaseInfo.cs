namespace Syn2Mas.Net.Advisor;

/// <summary>Which MAS database was checked, without secrets, and its newest applied migration.</summary>
public sealed record MasDatabaseInfo(string Database, long? SchemaVersion);
