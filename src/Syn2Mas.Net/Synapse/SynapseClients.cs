namespace Syn2Mas.Net.Synapse;

/// <summary>
/// What else had Synapse's database open when it was opened: PostgreSQL sessions on the same database, or
/// processes with the SQLite file open. Anything there may be Synapse or one of its workers.
/// </summary>
/// <param name="Count">Sessions (PostgreSQL) or processes (SQLite).</param>
/// <param name="Descriptions">Who they are: application name and user, or process name and pid.</param>
internal sealed record SynapseClients(int Count, IReadOnlyList<string> Descriptions)
{
    public static SynapseClients None { get; } = new(0, []);
}
