namespace Syn2Mas.Net.Synapse.Checks;

/// <summary>
/// A time column the migration reads, with the column naming the owner, whether it counts seconds, and
/// whether it is an expiry (which may lie in the future, and is compared as stored rather than treated as missing).
/// </summary>
internal sealed record TimeColumn(string Table, string Column, string Owner, bool InSeconds, bool Expiry)
{
    public string Qualified => $"{Table}.{Column}";
}
