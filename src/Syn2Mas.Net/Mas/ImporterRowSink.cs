using System.Net;
using Npgsql;
using NpgsqlTypes;

namespace Syn2Mas.Net.Mas;

/// <summary>
/// Fields written into a binary COPY, each with its PostgreSQL type named so nothing is inferred per value.
/// The writes are synchronous: they fill Npgsql's buffer and only touch the socket when it is full, so an
/// awaited call per field would cost more than the field.
/// </summary>
internal sealed class ImporterRowSink(NpgsqlBinaryImporter importer) : IMasRowSink
{
    public void StartRow() => importer.StartRow();

    public void Uuid(Guid? value)
    {
        if (value is { } present)
        {
            importer.Write(present, NpgsqlDbType.Uuid);
        }
        else
        {
            importer.WriteNull();
        }
    }

    public void Text(string? value)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, NpgsqlDbType.Text);
        }
    }

    /// <summary>Npgsql writes a <c>timestamptz</c> only from a UTC offset; the instant is what counts, so any offset is converted.</summary>
    public void Timestamp(DateTimeOffset? value)
    {
        if (value is { } present)
        {
            importer.Write(present.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        }
        else
        {
            importer.WriteNull();
        }
    }

    public void Boolean(bool value) => importer.Write(value, NpgsqlDbType.Boolean);

    public void Int4(int value) => importer.Write(value, NpgsqlDbType.Integer);

    public void Inet(IPAddress? value)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, NpgsqlDbType.Inet);
        }
    }
}
