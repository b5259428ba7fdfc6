using Syn2Mas.Bench.Data.Rows;

namespace Syn2Mas.Bench.Data;

/// <summary>
/// A handful of rows that a real server can hold and that the advisor must find, for demonstrations
/// (<c>--sample-problems</c>). Written after all generated users and kept apart from them, so the
/// generated data stays clean without the option. Their names contain both <c>.</c> and <c>-</c>, a
/// shape no generated name has.
/// </summary>
internal static class SampleProblems
{
    public const int Users = 2;

    public static void Write(ISynapseRowSink sink)
    {
        // A user Synapse could never have created: its server part is not this server's name.
        sink.WriteUser(new UserRow(
            "@problem.other-server:other.example", null, Timeline.NowSeconds - 86_400, false, false, false, null, false, true, false, false));

        // creation_ts is nullable; MAS needs a creation time, so the migration substitutes its start time.
        const string noCreationTime = "@problem.no-creation-ts:" + SynapseDataGenerator.ServerName;
        sink.WriteUser(new UserRow(noCreationTime, null, null, false, false, false, null, null, null, false, false));

        // Left behind by an earlier attempt to move this server to MAS; must be deleted before migrating.
        sink.WriteExternalId(new ExternalIdRow("oauth-delegated", "01JV8Q7T4N3M2K1H0G9F8E7D6C", noCreationTime));

        // A device whose user no longer exists.
        sink.WriteDevice(new DeviceRow(
            "@problem.orphan-device:" + SynapseDataGenerator.ServerName, "ORPHANEDDV", "Element Web", Timeline.NowMs - Timeline.DayMs,
            "198.51.100.23", ClientCatalog.FirefoxUserAgent, Hidden: false));
    }
}
