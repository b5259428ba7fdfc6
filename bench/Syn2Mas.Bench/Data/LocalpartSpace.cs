namespace Syn2Mas.Bench.Data;

/// <summary>
/// One style's share of the name space: <see cref="LeftCount"/> × <see cref="RightCount"/> word
/// combinations, each usable <see cref="Copies"/> times (copy 0 bare, copy c with the number c appended).
/// Copies weight a style without making it repeat a name.
/// </summary>
internal sealed record LocalpartSpace(LocalpartStyle Style, int LeftCount, int RightCount, int Copies)
{
    public long Combinations => (long)LeftCount * RightCount;

    public long Size => Combinations * Copies;
}
