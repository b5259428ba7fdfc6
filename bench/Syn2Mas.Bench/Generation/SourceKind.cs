namespace Syn2Mas.Bench.Generation;

/// <summary>The database engine of the generated Synapse database.</summary>
internal enum SourceKind
{
    Sqlite,
    Postgres,
}
