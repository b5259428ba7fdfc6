namespace Syn2Mas.Cli;

/// <summary>The exit codes of behaviour.md "Outputs"; scripts depend on them, so they never change.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadUsage = 2;
    public const int CheckErrors = 10;
    public const int WarningsOnly = 11;
}
