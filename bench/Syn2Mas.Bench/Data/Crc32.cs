namespace Syn2Mas.Bench.Data;

/// <summary>CRC-32 (IEEE 802.3, reflected), the checksum Synapse appends to its access and refresh tokens.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<char> asciiText)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var character in asciiText)
        {
            crc = Table[(crc ^ (byte)character) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var i = 0u; i < 256; i++)
        {
            var value = i;
            for (var bit = 0; bit < 8; bit++)
            {
                value = (value & 1) != 0 ? 0xEDB88320u ^ (value >> 1) : value >> 1;
            }

            table[i] = value;
        }

        return table;
    }
}
