namespace Syn2Mas.Net.Mapping;

/// <summary>
/// The codes of <see cref="MappingWarning"/>s. Where the advisor predicts the same thing, the code is its
/// finding's code, so that a report can set what happened beside what was announced.
/// </summary>
internal static class MappingWarningCodes
{
    /// <summary><c>devices.ip</c> is neither empty, <c>-</c> nor an IP address: the session has no IP (rule 6).</summary>
    public const string DeviceIpUnparsable = "device-ip-unparsable";

    /// <summary>An application service user whose localpart holds a <c>:</c>; skipped like every application service user (rule 1).</summary>
    public const string AppserviceLocalpartWithColon = "appservice-localpart-with-colon";

    /// <summary>
    /// A Synapse time outside the years 1 to 9999 that .NET can represent (a bogus <c>valid_until_ms</c>, say):
    /// it is stored as the nearest representable time rather than failing the migration.
    /// </summary>
    public const string TimestampOutOfRange = "timestamp-out-of-range";

    /// <summary>
    /// A Synapse time that cannot be right (at or before 1973, or after the snapshot): treated as missing
    /// (<see cref="SynapseTime"/>).
    /// </summary>
    public const string ImplausibleTime = "implausible-times";
}
