namespace Syn2Mas.Net.Synapse;

public enum SynapseDialect
{
    Sqlite,
    Postgres,
}
