namespace Syn2Mas.Net.Mas;

/// <summary>The tag in front of each field of a <see cref="MasTableSpool"/>: its type, or that it is NULL.</summary>
internal enum SpoolField : byte
{
    Null,
    Uuid,
    Text,
    Timestamp,
    False,
    True,
    Int4,
    Inet,
}
