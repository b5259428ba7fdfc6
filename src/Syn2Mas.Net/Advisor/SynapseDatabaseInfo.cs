using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Advisor;

/// <summary>Which Synapse database was read, without secrets.</summary>
/// <param name="OptionalColumns">The optional columns (<c>users.locked</c>, …) the database has.</param>
public sealed record SynapseDatabaseInfo(string Dialect, string Database, int? SchemaVersion, IReadOnlyList<string> OptionalColumns)
{
    internal static SynapseDatabaseInfo Of(SynapseSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new SynapseDatabaseInfo(
            source.Dialect == SynapseDialect.Sqlite ? "sqlite" : "postgres",
            source.Description,
            source.Schema.Version,
            SynapseSchemaInfo.OptionalColumns.Where(column => source.Schema.HasColumn(column.Split('.')[0], column.Split('.')[1])).ToList());
    }
}
