namespace Syn2Mas.Net.Databases;

/// <summary>
/// A database could not be opened or read. The message is one line naming the database (host, port and
/// name, or the file) and what to check; it never holds a password.
/// </summary>
public sealed class DatabaseUnavailableException : Exception
{
    public DatabaseUnavailableException(string message)
        : base(message)
    {
    }

    public DatabaseUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DatabaseUnavailableException()
    {
    }
}
