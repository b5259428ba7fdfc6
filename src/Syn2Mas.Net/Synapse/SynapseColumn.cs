namespace Syn2Mas.Net.Synapse;

/// <summary>A column the migration or its checks read, and what it is read as.</summary>
/// <param name="Optional">Read only where present (a column of a later schema). A column of an optional table is required where the table is present.</param>
internal sealed record SynapseColumn(string Table, string Column, SynapseColumnKind Kind, bool Optional = false)
{
    public override string ToString() => $"{Table}.{Column}";
}
