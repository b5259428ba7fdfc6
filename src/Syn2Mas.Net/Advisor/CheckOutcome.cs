namespace Syn2Mas.Net.Advisor;

/// <summary>What a set of findings adds up to (the advisor's, doctor's); scripts read it in kebab case.</summary>
public enum CheckOutcome
{
    Clean,
    Warnings,
    Errors,
}
