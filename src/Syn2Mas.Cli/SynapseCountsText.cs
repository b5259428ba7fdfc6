using System.Globalization;
using Syn2Mas.Net.Advisor;

namespace Syn2Mas.Cli;

/// <summary>The advisor's counts as a few lines a person reads at a glance.</summary>
public static class SynapseCountsText
{
    public static IEnumerable<string> Lines(SynapseCounts counts)
    {
        yield return $"users           {N(counts.Users)}: {N(counts.NormalUsers)} normal, {N(counts.AdminUsers)} admin, {N(counts.GuestUsers)} guest, "
            + $"{N(counts.DeactivatedUsers)} deactivated, {N(counts.LockedUsers)} locked, {N(counts.AppserviceUsers)} appservice (not migrated)";
        yield return $"passwords       {N(counts.UsersWithPassword)}";
        yield return $"threepids       {N(counts.Emails)} email, {N(counts.OtherThreepids)} other";
        yield return counts.ExternalIdsByAuthProvider.Count == 0
            ? "external ids    0"
            : $"external ids    {string.Join(", ", counts.ExternalIdsByAuthProvider.Select(pair => $"{N(pair.Value)} {pair.Key}"))}";
        yield return $"devices         {N(counts.Devices)}";
        yield return $"access tokens   {N(counts.AccessTokens)}: {N(counts.AccessTokensWithDevice)} with a device, {N(counts.DevicelessAccessTokens)} deviceless, "
            + $"{N(counts.PuppetAccessTokens)} puppet, {N(counts.RefreshableAccessTokens)} refreshable";
        yield return $"refresh tokens  {N(counts.RefreshTokens)}";
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
