namespace Syn2Mas.Bench.Running;

/// <summary>A generated Synapse database ready to migrate.</summary>
/// <param name="Key">What identifies it in the cache: source, seed and user count.</param>
/// <param name="HomeserverConfig">The homeserver.yaml that points at it.</param>
/// <param name="Location">The SQLite file or the PostgreSQL database.</param>
/// <param name="Summary">The generator's summary line (row counts), from when it was made.</param>
/// <param name="Reused">True when it came from the cache rather than from this run's generator.</param>
/// <param name="GenerateSeconds">How long this run spent generating it; 0 when reused.</param>
internal sealed record DataSet(string Key, string HomeserverConfig, string Location, string Summary, bool Reused, double GenerateSeconds);
