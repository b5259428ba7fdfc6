namespace Syn2Mas.Bench.Running;

/// <summary>One floor load: seconds per phase, as the migration's report splits its own.</summary>
/// <param name="Prepare">Reading the catalog and dropping the indexes and constraints.</param>
/// <param name="Copy">The eight COPYs from the files.</param>
/// <param name="Rebuild">Recreating the indexes and constraints.</param>
/// <param name="Commit">COMMIT.</param>
/// <param name="Total">From BEGIN to the end of COMMIT.</param>
/// <param name="PausedObjects">How many indexes and constraints were dropped and recreated.</param>
/// <param name="CopySeconds">Seconds of each table's COPY.</param>
internal sealed record FloorSample(
    double Prepare,
    double Copy,
    double Rebuild,
    double Commit,
    double Total,
    int PausedObjects,
    IReadOnlyDictionary<string, double> CopySeconds);
