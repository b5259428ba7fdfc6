namespace Syn2Mas.Net.Synapse;

/// <summary>A row of <c>user_threepids</c>.</summary>
internal sealed record SynapseThreepid(string UserId, string Medium, string Address, SynapseMilliseconds AddedAt);
