namespace Syn2Mas.Bench.Data;

/// <summary>A visible device as dealt to a user: its tokens and, when dealt, its kind of address.</summary>
internal readonly record struct DevicePlan(DeviceTokens Tokens, IpKind Ip);
