namespace Syn2Mas.Net.Configuration;

/// <summary>Where Synapse keeps its data: a SQLite file or a PostgreSQL database.</summary>
public abstract record SynapseDatabase;
