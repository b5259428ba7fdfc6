using Syn2Mas.Net.Advisor;

namespace Syn2Mas.Cli;

/// <summary>The exit codes of behaviour.md "Outputs"; scripts depend on them, so they never change.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadUsage = 2;
    public const int CheckErrors = 10;
    public const int WarningsOnly = 11;

    /// <summary>Stopped by SIGINT (128 + 2, as shells report it); <see cref="Terminated"/> for SIGTERM.</summary>
    public const int Cancelled = 130;

    public const int Terminated = 143;

    /// <summary>0 clean, 10 errors, 11 warnings only: what the advisor's outcome means to a script.</summary>
    public static int ForOutcome(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Errors => CheckErrors,
        CheckOutcome.Warnings => WarningsOnly,
        _ => Success,
    };
}
