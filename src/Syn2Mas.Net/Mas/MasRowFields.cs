namespace Syn2Mas.Net.Mas;

/// <summary>
/// Each MAS table's row as fields in the column order of <see cref="MasSchema"/>, the one place that says
/// which value goes in which column, for the direct COPY and for the spool alike.
/// </summary>
internal static class MasRowFields
{
    public static void Write(IMasRowSink sink, MasUser row)
    {
        sink.StartRow();
        sink.Uuid(row.UserId);
        sink.Text(row.Username);
        sink.Timestamp(row.CreatedAt);
        sink.Timestamp(row.LockedAt);
        sink.Boolean(row.CanRequestAdmin);
        sink.Boolean(row.IsGuest);
        sink.Timestamp(row.DeactivatedAt);
    }

    public static void Write(IMasRowSink sink, MasUserPassword row)
    {
        sink.StartRow();
        sink.Uuid(row.UserPasswordId);
        sink.Uuid(row.UserId);
        sink.Text(row.HashedPassword);
        sink.Timestamp(row.CreatedAt);
        sink.Int4(row.Version);

        // upgraded_from_id: MAS sets it when it rehashes a password at login; a migrated hash was never rehashed.
        sink.Uuid(null);
    }

    public static void Write(IMasRowSink sink, MasUserEmail row)
    {
        sink.StartRow();
        sink.Uuid(row.UserEmailId);
        sink.Uuid(row.UserId);
        sink.Text(row.Email);
        sink.Timestamp(row.CreatedAt);
    }

    public static void Write(IMasRowSink sink, MasUnsupportedThreepid row)
    {
        sink.StartRow();
        sink.Uuid(row.UserId);
        sink.Text(row.Medium);
        sink.Text(row.Address);
        sink.Timestamp(row.CreatedAt);
    }

    public static void Write(IMasRowSink sink, MasUpstreamOauthLink row)
    {
        sink.StartRow();
        sink.Uuid(row.UpstreamOauthLinkId);
        sink.Uuid(row.UpstreamOauthProviderId);
        sink.Uuid(row.UserId);
        sink.Text(row.Subject);
        sink.Timestamp(row.CreatedAt);

        // human_account_name: MAS fills it from the provider's claims at the next login.
        sink.Text(null);
    }

    public static void Write(IMasRowSink sink, MasCompatSession row)
    {
        sink.StartRow();
        sink.Uuid(row.CompatSessionId);
        sink.Uuid(row.UserId);
        sink.Text(row.DeviceId);
        sink.Timestamp(row.CreatedAt);

        // finished_at: only live sessions are migrated.
        sink.Timestamp(null);
        sink.Boolean(row.IsSynapseAdmin);
        sink.Timestamp(row.LastActiveAt);
        sink.Inet(row.LastActiveIp);

        // user_session_id: a Synapse device never came from a MAS browser session.
        sink.Uuid(null);
        sink.Text(row.UserAgent);
        sink.Text(row.HumanName);
    }

    public static void Write(IMasRowSink sink, MasCompatAccessToken row)
    {
        sink.StartRow();
        sink.Uuid(row.CompatAccessTokenId);
        sink.Uuid(row.CompatSessionId);
        sink.Text(row.AccessToken);
        sink.Timestamp(row.CreatedAt);
        sink.Timestamp(row.ExpiresAt);
    }

    public static void Write(IMasRowSink sink, MasCompatRefreshToken row)
    {
        sink.StartRow();
        sink.Uuid(row.CompatRefreshTokenId);
        sink.Uuid(row.CompatSessionId);
        sink.Uuid(row.CompatAccessTokenId);
        sink.Text(row.RefreshToken);
        sink.Timestamp(row.CreatedAt);

        // consumed_at: only refresh tokens still usable are migrated.
        sink.Timestamp(null);
    }
}
