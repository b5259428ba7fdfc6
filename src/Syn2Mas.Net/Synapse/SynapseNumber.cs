using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Syn2Mas.Net.Synapse;

/// <summary>
/// rule: invalid-bytes-and-numbers. A value of a Synapse number column as read: an integer, or not a
/// number. PostgreSQL's number columns hold only integers; SQLite stores whatever it is given, so an old
/// file can hold text, a blob or a fraction there. Reading such a value as an integer would silently give
/// 0 or a truncation (a <c>creation_ts</c> of 'yesterday' would become 1970), so it is kept as its own
/// state and <see cref="Value"/> refuses it: the mapper must look at <see cref="IsNotANumber"/> first.
/// </summary>
internal readonly record struct SynapseNumber : IComparable<SynapseNumber>
{
    private readonly long _value;

    public SynapseNumber(long value) => _value = value;

    private SynapseNumber(bool isNotANumber) => IsNotANumber = isNotANumber;

    /// <summary>Text, a blob or a fraction where Synapse stores an integer (SQLite only).</summary>
    public static SynapseNumber NotANumber { get; } = new(isNotANumber: true);

    public bool IsNotANumber { get; }

    /// <exception cref="InvalidOperationException">The value is not a number.</exception>
    public long Value => IsNotANumber ? throw new InvalidOperationException("a Synapse number column holds something else than an integer") : _value;

    /// <summary>Ids and counts have no unit, so any integer is one.</summary>
    public static implicit operator SynapseNumber(long value) => new(value);

    /// <summary>Integers in their order; a value that is not a number comes before them all.</summary>
    public int CompareTo(SynapseNumber other) =>
        IsNotANumber || other.IsNotANumber ? other.IsNotANumber.CompareTo(IsNotANumber) : _value.CompareTo(other._value);

    public static bool operator <(SynapseNumber left, SynapseNumber right) => left.CompareTo(right) < 0;

    public static bool operator <=(SynapseNumber left, SynapseNumber right) => left.CompareTo(right) <= 0;

    public static bool operator >(SynapseNumber left, SynapseNumber right) => left.CompareTo(right) > 0;

    public static bool operator >=(SynapseNumber left, SynapseNumber right) => left.CompareTo(right) >= 0;

    public override string ToString() => IsNotANumber ? "not a number" : _value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A number column that is NOT NULL. On SQLite the storage class of the value itself decides, so that
    /// the query can select the column as it is.
    /// </summary>
    internal static SynapseNumber Read(DbDataReader row, int ordinal) =>
        row is SqliteDataReader sqlite && sqlite.GetFieldType(ordinal) != typeof(long) ? NotANumber : new(row.GetInt64(ordinal));

    internal static SynapseNumber? ReadNullable(DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : Read(row, ordinal);
}
