namespace Syn2Mas.Bench.Data;

/// <summary>
/// The SplitMix64 finaliser: a bijection on 64-bit values that scatters neighbouring inputs. Being a
/// bijection matters where it builds identifiers: distinct inputs can never give the same output.
/// </summary>
internal static class Mix64
{
    public static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }
}
