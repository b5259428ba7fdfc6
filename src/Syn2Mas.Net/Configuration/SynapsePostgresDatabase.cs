namespace Syn2Mas.Net.Configuration;

/// <summary>A Synapse PostgreSQL database.</summary>
internal sealed record SynapsePostgresDatabase(PostgresConnectionSettings Connection) : SynapseDatabase
{
    public override string ToString() => $"PostgreSQL {Connection}";
}
