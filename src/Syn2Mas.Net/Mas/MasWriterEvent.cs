using System.Globalization;

namespace Syn2Mas.Net.Mas;

/// <summary>
/// What a <see cref="MasWriter"/> is doing, for a progress display; which phase of the migration that is,
/// the caller knows, as it called the writer.
/// </summary>
/// <param name="Detail">One line for people, e.g. "rebuilding users_pkey on users".</param>
/// <param name="Table">The table copied into or rebuilt.</param>
/// <param name="Rows">Rows copied into <paramref name="Table"/> so far.</param>
/// <param name="ObjectName">The index or constraint being rebuilt.</param>
internal sealed record MasWriterEvent(string Detail, string? Table = null, long Rows = 0, string? ObjectName = null)
{
    public static MasWriterEvent Copying(string table, long rows) =>
        new(string.Create(CultureInfo.InvariantCulture, $"copying {table}: {rows} rows"), table, rows);

    public static MasWriterEvent Rebuilding(string table, string objectName) => new($"rebuilding {objectName} on {table}", table, ObjectName: objectName);

    public override string ToString() => Detail;
}
