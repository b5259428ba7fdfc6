namespace Syn2Mas.Bench.Running;

/// <summary>One <c>syn2mas-net migrate</c>: the operating system's view of the process and the timings of its own report.</summary>
/// <param name="Checks">The checks on the snapshot (a full read of Synapse's tables).</param>
/// <param name="Prepare">Locking MAS and pausing its indexes and constraints.</param>
/// <param name="Copy">Reading Synapse, mapping and COPYing into MAS, all eight passes.</param>
/// <param name="Rebuild">Recreating the indexes and constraints.</param>
/// <param name="Commit">COMMIT.</param>
/// <param name="Total">All of the above, as the report measures it (without process start-up).</param>
/// <param name="SynapseUsers">Users in the Synapse database, as the checks counted them.</param>
/// <param name="Written">Rows written per MAS table.</param>
/// <param name="PassSeconds">Seconds of each MAS table's pass (read, map, COPY), as the report gives them.</param>
internal sealed record MigrationSample(
    ProcessSample Process,
    double Checks,
    double DataChecks,
    double Prepare,
    double Copy,
    double ChecksWait,
    double Rebuild,
    double Commit,
    double Total,
    long SynapseUsers,
    IReadOnlyDictionary<string, long> Written,
    IReadOnlyDictionary<string, double> PassSeconds)
{
    public long RowsWritten => Written.Values.Sum();

    /// <summary>What the floor load also does: everything after the checks.</summary>
    public double WritePath => Prepare + Copy + ChecksWait + Rebuild + Commit;
}
