using System.Data.Common;

namespace Syn2Mas.Net.Synapse;

/// <summary>
/// rule: times. A Synapse time counted in seconds since the Unix epoch, UTC: <c>users.creation_ts</c>, the
/// one column that counts seconds (docs/schema.md). The value may be <see cref="SynapseNumber.NotANumber"/>
/// (SQLite only).
/// </summary>
internal readonly record struct SynapseSeconds(SynapseNumber Stored)
{
    public bool IsNotANumber => Stored.IsNotANumber;

    /// <summary>
    /// The time, when Synapse can have taken it from its own clock (<see cref="SynapseMilliseconds.PlausibleFrom"/>
    /// to the snapshot); null for anything else, milliseconds stored as seconds included.
    /// </summary>
    public DateTimeOffset? ToPlausibleTime(DateTimeOffset snapshot) =>
        Stored.Value is > 0 and <= long.MaxValue / 1000 && SynapseMilliseconds.IsPlausible(Stored.Value * 1000, snapshot)
            ? DateTimeOffset.FromUnixTimeMilliseconds(Stored.Value * 1000)
            : null;

    public override string ToString() => Stored + " s";

    internal static SynapseSeconds? ReadNullable(DbDataReader row, int ordinal) =>
        row.IsDBNull(ordinal) ? null : new(SynapseNumber.Read(row, ordinal));
}
