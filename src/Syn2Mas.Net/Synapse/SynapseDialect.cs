namespace Syn2Mas.Net.Synapse;

internal enum SynapseDialect
{
    Sqlite,
    Postgres,
}
