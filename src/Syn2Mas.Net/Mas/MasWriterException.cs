namespace Syn2Mas.Net.Mas;

/// <summary>
/// Writing into MAS failed; nothing was written, because the write is one transaction. The message is one
/// line naming the table, constraint or Synapse user concerned, and never holds a secret: no token, no
/// password hash, and never the DETAIL of a PostgreSQL error, which quotes the offending row's values.
/// </summary>
public sealed class MasWriterException : Exception
{
    public MasWriterException(string message)
        : base(message)
    {
    }

    public MasWriterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MasWriterException()
    {
    }
}
