namespace Syn2Mas.Net.Configuration;

/// <summary>A Synapse SQLite database file, as an absolute path.</summary>
internal sealed record SynapseSqliteDatabase(string Path) : SynapseDatabase;
