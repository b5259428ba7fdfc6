namespace Syn2Mas.Net.Verification;

/// <summary>One MAS table compared: rows alike on both sides, and each kind of difference.</summary>
public sealed record TableVerification(
    string Table,
    long Matched,
    DifferenceCount MissingInMas,
    DifferenceCount UnexpectedInMas,
    DifferenceCount Different)
{
    public bool Matches => MissingInMas.Count == 0 && UnexpectedInMas.Count == 0 && Different.Count == 0;
}
