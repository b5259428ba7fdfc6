namespace Syn2Mas.Net.Synapse.Checks;

/// <summary>The text columns the migration writes into MAS, with the column naming the user who owns the row.</summary>
internal static class WrittenTextColumns
{
    public static readonly IReadOnlyList<(string Table, string Column, string Owner)> All =
    [
        ("users", "name", "name"),
        ("users", "password_hash", "name"),
        ("user_threepids", "medium", "user_id"),
        ("user_threepids", "address", "user_id"),
        ("user_external_ids", "auth_provider", "user_id"),
        ("user_external_ids", "external_id", "user_id"),
        ("devices", "device_id", "user_id"),
        ("devices", "display_name", "user_id"),
        ("devices", "user_agent", "user_id"),
        ("devices", "ip", "user_id"),
        ("access_tokens", "token", "user_id"),
        ("refresh_tokens", "token", "user_id"),
    ];
}
