namespace Syn2Mas.Bench.Data;

/// <summary>A Matrix client as a device row shows it: the user agents it sends and names people give it.</summary>
internal sealed record ClientApp(int Weight, string[] UserAgents, string[] DisplayNames, bool UsesRefreshTokens);
