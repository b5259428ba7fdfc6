using System.Net;
using Npgsql;
using NpgsqlTypes;

namespace Syn2Mas.Net.Mas;

/// <summary>Typed column writes for the COPY row loops: each names its PostgreSQL type, so nothing is inferred per value.</summary>
internal static class BinaryImporterExtensions
{
    public static Task WriteUuidAsync(this NpgsqlBinaryImporter importer, Guid value, CancellationToken cancellationToken) =>
        importer.WriteAsync(value, NpgsqlDbType.Uuid, cancellationToken);

    public static Task WriteUuidAsync(this NpgsqlBinaryImporter importer, Guid? value, CancellationToken cancellationToken) =>
        value is { } present ? importer.WriteAsync(present, NpgsqlDbType.Uuid, cancellationToken) : importer.WriteNullAsync(cancellationToken);

    public static Task WriteTextAsync(this NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    /// <summary>Npgsql writes a <c>timestamptz</c> only from a UTC offset; the instant is what counts, so any offset is converted.</summary>
    public static Task WriteTimestampAsync(this NpgsqlBinaryImporter importer, DateTimeOffset value, CancellationToken cancellationToken) =>
        importer.WriteAsync(value.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);

    public static Task WriteTimestampAsync(this NpgsqlBinaryImporter importer, DateTimeOffset? value, CancellationToken cancellationToken) =>
        value is { } present ? importer.WriteTimestampAsync(present, cancellationToken) : importer.WriteNullAsync(cancellationToken);

    public static Task WriteBoolAsync(this NpgsqlBinaryImporter importer, bool value, CancellationToken cancellationToken) =>
        importer.WriteAsync(value, NpgsqlDbType.Boolean, cancellationToken);

    public static Task WriteInt4Async(this NpgsqlBinaryImporter importer, int value, CancellationToken cancellationToken) =>
        importer.WriteAsync(value, NpgsqlDbType.Integer, cancellationToken);

    public static Task WriteInetAsync(this NpgsqlBinaryImporter importer, IPAddress? value, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, NpgsqlDbType.Inet, cancellationToken);
}
