using Npgsql;

namespace Syn2Mas.Net.Databases;

/// <summary>
/// Turns a PostgreSQL connection failure into a short reason for a one-line message. Npgsql's messages
/// carry no password; the inner socket error is usually the useful part ("Connection refused").
/// </summary>
internal static class PostgresErrors
{
    /// <summary>
    /// Whether <paramref name="exception"/> is the server or the connection failing. Npgsql reports a
    /// connection that broke before the call as a disposed transaction or an invalid operation.
    /// </summary>
    public static bool IsConnectionFailure(Exception exception) =>
        exception is NpgsqlException or TimeoutException or ObjectDisposedException
        || (exception is InvalidOperationException && exception.Source == "Npgsql");

    public static string Describe(Exception exception) => exception switch
    {
        PostgresException postgres => $"{postgres.SqlState} {postgres.MessageText}",
        NpgsqlException { InnerException: System.Net.Sockets.SocketException socket } => socket.Message,
        NpgsqlException { InnerException: TimeoutException } or TimeoutException => "timed out",
        NpgsqlException { InnerException: { } handshake } when exception.Message.Contains("SSL handshake", StringComparison.Ordinal) =>
            "TLS handshake failed: " + Innermost(handshake).Message.Split('\n')[0].TrimEnd('.'),
        ObjectDisposedException or InvalidOperationException => "the connection was closed",
        _ => exception.Message.Split('\n')[0].TrimEnd('.'),
    };

    // The certificate check's own reason is the innermost exception; .NET wraps it in generic ones.
    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is { } inner)
        {
            exception = inner;
        }

        return exception;
    }
}
