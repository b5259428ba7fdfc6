namespace Syn2Mas.Net.Synapse;

/// <summary>A row of <c>user_threepids</c>; <paramref name="AddedAt"/> is in milliseconds.</summary>
public sealed record SynapseThreepid(string UserId, string Medium, string Address, long AddedAt);
