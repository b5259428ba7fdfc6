namespace Syn2Mas.Bench.Sinks;

/// <summary>The tables the generator fills; their indexes are paused while they load.</summary>
internal static class SynapseTables
{
    public static readonly string[] Loaded =
    [
        "users", "user_threepids", "user_external_ids", "devices", "access_tokens", "refresh_tokens",
    ];
}
