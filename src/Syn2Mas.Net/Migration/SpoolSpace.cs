using System.Globalization;
using Syn2Mas.Net.Mas;
using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Migration;

/// <summary>
/// The room the temporary files need, checked before MAS is locked: a folder that fills up halfway through
/// the read costs the whole read, where a look at its free space costs nothing.
/// </summary>
internal static class SpoolSpace
{
    /// <summary>
    /// Bytes per spooled row, rounded up from the benchmark's profile (about 0.5 GB per million users, for
    /// some 5.9 spooled rows per user). Users count twice: their row and their password's.
    /// </summary>
    private const long BytesPerRow = 100;

    /// <summary>The estimate of the bytes the spools will hold, from Synapse's row estimates.</summary>
    public static long Estimate(SynapseRowEstimates estimates) =>
        BytesPerRow * ((2 * estimates.Users) + estimates.Threepids + estimates.ExternalIds + estimates.AccessTokens + estimates.RefreshTokens);

    /// <exception cref="MasWriterException"><paramref name="folder"/> has less free space than the estimate.</exception>
    public static void Check(string folder, SynapseRowEstimates estimates)
    {
        var needed = Estimate(estimates);
        long free;
        try
        {
            free = new DriveInfo(folder).AvailableFreeSpace;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Creating the files says what is wrong with the folder, in as many words.
            return;
        }

        if (free < needed)
        {
            throw new MasWriterException(string.Create(CultureInfo.InvariantCulture,
                $"the temporary folder {folder} has {Megabytes(free)} MB free, but the migration needs about {Megabytes(needed)} MB there for the rows it holds until their COPY (estimated from Synapse's table statistics); ")
                + "point TMPDIR at a local folder with that much free space (and SQLITE_TMPDIR too, with a SQLite Synapse), and run the migration again");
        }
    }

    private static long Megabytes(long bytes) => (bytes + (1 << 20) - 1) >> 20;
}
