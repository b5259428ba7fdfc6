using Syn2Mas.Net.Configuration;
using Syn2Mas.Net.Databases;
using Syn2Mas.Net.Mapping;
using Syn2Mas.Net.Mas;
using Syn2Mas.Net.Migration;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Cli;

/// <summary>
/// Every failure as the one line the operator reads on stderr and the exit code scripts read: what went
/// wrong, where, and, for a migration, what MAS was left with. Never a stack trace.
/// </summary>
public static class FailureText
{
    /// <param name="cancelled">Whether SIGINT or SIGTERM asked the run to stop: whatever broke on the way out is that.</param>
    public static (string Line, int ExitCode) Describe(Exception exception, bool cancelled)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is MigrationFailedException failed)
        {
            var rolledBack = failed.Report.MasState == MasState.RolledBack;
            if (cancelled || exception.InnerException is OperationCanceledException)
            {
                return (rolledBack ? "cancelled: MAS was rolled back, nothing was written" : "cancelled: nothing was written", ExitCodes.Cancelled);
            }

            var inner = exception.InnerException!;
            var (line, code) = Describe(inner, cancelled: false);
            return rolledBack || inner is MasWriterException or MappingException
                ? ($"error: the migration failed and MAS was left as it was: {inner.Message.ReplaceLineEndings(" ")}", code)
                : (line, code);
        }

        return exception switch
        {
            _ when cancelled => ("cancelled: nothing was written", ExitCodes.Cancelled),
            OperationCanceledException => ("cancelled: nothing was written", ExitCodes.Cancelled),
            ConfigurationException => ($"error: {exception.Message}", ExitCodes.BadUsage),
            DatabaseUnavailableException or MasWriterException or MappingException => ($"error: {exception.Message.ReplaceLineEndings(" ")}", ExitCodes.Failure),
            _ => ($"error: {exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")}", ExitCodes.Failure),
        };
    }
}
