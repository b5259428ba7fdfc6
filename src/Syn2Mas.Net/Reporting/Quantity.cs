using System.Globalization;

namespace Syn2Mas.Net.Reporting;

/// <summary>"1 user", "2 users": counts in messages read as English.</summary>
internal static class Quantity
{
    public static string Of(long count, string singular, string plural) =>
        count.ToString("N0", CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural);
}
