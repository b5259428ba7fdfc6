using System.Text.RegularExpressions;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Migration;

/// <summary>
/// <c>fixtures/synapse/rows-mixed.sql</c> and what the migration must make of it, row by row, worked out
/// by hand from behaviour.md's rules rather than by running the mapper. Times are UTC, to the millisecond;
/// <c>start</c> stands for the migration's start time, which the rules give rows Synapse does not date.
/// </summary>
internal static partial class MixedRows
{
    /// <summary>MAS's ULID of the "Legacy SSO" provider of <c>fixtures/mas/providers.sql</c>.</summary>
    public const string LegacyProviderUlid = "01HZEJN8FKH1C8S3VQ2J6N4PZD";

    public const string AutheliaProvider = "0195329d-7ed9-a1bb-8469-638b2a57edca";

    public const string LegacyProvider = "018fdd2a-a1f3-8858-8c8f-77148d525bed";

    /// <summary>The fixture's users maps Synapse's <c>oidc</c> through this option; <c>oidc-authelia</c> is mapped by MAS's config.</summary>
    public static readonly string[] ProviderMappingOption = ["--upstream-provider-mapping", $"oidc:{LegacyProviderUlid}"];

    public static string SqlPath => RepoPaths.Fixture("synapse", "rows-mixed.sql");

    public static string Sql => File.ReadAllText(SqlPath);

    /// <summary>Every access token, refresh token and password hash of the fixture, read from its SQL.</summary>
    public static IReadOnlyList<string> Secrets
    {
        get
        {
            var secrets = SecretPattern().Matches(Sql).Select(match => match.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

            // 17 access tokens, 5 refresh tokens, 4 password hashes: a pattern that stopped matching would
            // otherwise make the secret scans pass on nothing.
            Assert.Equal(26, secrets.Count);
            return secrets;
        }
    }

    /// <summary><c>username | created_at | locked_at | deactivated_at | can_request_admin | is_guest</c>.</summary>
    public static readonly string[] Users =
    [
        "1234 | 2021-12-20T11:33:20.000Z | null | null | false | true",
        "alice | 2020-09-13T12:26:40.000Z | null | null | false | false",
        "bob | 2021-01-07T06:13:20.000Z | null | null | true | false",
        "carol | 2021-05-03T00:00:00.000Z | 2021-05-03T00:00:00.000Z | null | false | false",
        "dave | 2021-08-26T17:46:40.000Z | null | 2021-08-26T17:46:40.000Z | false | false",
        "erin | 2022-08-08T23:06:40.000Z | null | null | false | false",
        "nullts | start | null | null | false | false",
    ];

    /// <summary><c>username | hashed_password | version | created_at | upgraded_from_id</c>.</summary>
    public static readonly string[] UserPasswords =
    [
        "alice | $2b$12$aliceSALTaliceSALTalicOalicehashalicehashalicehashalice | 1 | 2020-09-13T12:26:40.000Z | null",
        "bob | $2b$12$bobSALTbobSALTbobSALTbOboobhashbobhashbobhashbobhashbobhas | 1 | 2021-01-07T06:13:20.000Z | null",
        "dave | $2b$12$daveSALTdaveSALTdaveSOdavehashdavehashdavehashdavehashd | 1 | 2021-08-26T17:46:40.000Z | null",
        "erin | $2b$12$erinSALTerinSALTerinSOerinhasherinhasherinhasherinhashe | 1 | 2022-08-08T23:06:40.000Z | null",
    ];

    /// <summary><c>username | email | created_at</c>.</summary>
    public static readonly string[] UserEmails =
    [
        "alice | alice@example.com | 2020-09-13T12:28:20.000Z",
        "carol | carol@example.com | 2021-05-03T00:01:40.000Z",
        "erin | Erin.Example@Example.COM | 2022-08-08T23:08:43.456Z",
    ];

    /// <summary><c>username | medium | address | created_at</c>.</summary>
    public static readonly string[] UnsupportedThreepids =
    [
        "alice | msisdn | 15550100001 | 2020-09-13T12:30:00.000Z",
    ];

    /// <summary><c>provider id | subject | username | created_at | human_account_name</c>.</summary>
    public static readonly string[] UpstreamOauthLinks =
    [
        $"{LegacyProvider} | bob-legacy | bob | 2021-01-07T06:13:20.000Z | null",
        $"{LegacyProvider} | carol-legacy | carol | 2021-05-03T00:00:00.000Z | null",
        $"{AutheliaProvider} | alice-sub | alice | 2020-09-13T12:26:40.000Z | null",
        $"{AutheliaProvider} | bob-sub | bob | 2021-01-07T06:13:20.000Z | null",
        $"{AutheliaProvider} | dave-sub | dave | 2021-08-26T17:46:40.000Z | null",
    ];

    /// <summary>
    /// <c>username | device_id | human_name | is_synapse_admin | created_at | last_active_at |
    /// last_active_ip::text | user_agent | finished_at | user_session_id</c>. A session with a token is dated by
    /// its earliest migrated token; one without, and a deviceless token without last_validated, by the start.
    /// </summary>
    public static readonly string[] CompatSessions =
    [
        "alice | ALICEKEYS | null | false | 2023-11-14T22:23:20.000Z | null | null | null | null | null",
        "alice | ALICELAPTOP | Firefox on Linux | false | 2023-11-14T22:20:00.000Z | 2023-11-14T22:26:40.000Z | 2001:db8::1/128 | Mozilla/5.0 (X11; Linux x86_64) | null | null",
        "alice | ALICEPHONE | Element X on iPhone | false | 2023-11-14T21:56:40.000Z | 2023-11-14T22:28:20.000Z | 192.0.2.10/32 | Element X/1.0 (iPhone) | null | null",
        "alice | null | null | false | start | null | null | null | null | null",
        "bob | BOBDESK | Desktop | true | start | null | null | null | null | null",
        "bob | BOBTAB | Tablet | true | 2024-03-09T16:03:20.000Z | 2024-03-09T16:15:00.000Z | null | Element Android/1.6 | null | null",
        "carol | CAROLPC | Work PC | false | start | 2024-07-03T10:01:40.000Z | null | Element Desktop/1.11 | null | null",
        "erin | ERINPHONE | Erin's phone | false | 2024-10-27T03:33:20.000Z | 2024-10-27T03:48:20.000Z | ::ffff:192.0.2.80/128 | Element X/2.0 (Android) | null | null",
        "nullts | NULLTSDEVICE | No date | false | start | 2023-07-22T04:41:40.000Z | 198.51.100.7/32 | curl/8.0 | null | null",
    ];

    /// <summary><c>access_token | session's username | session's device_id | created_at | expires_at</c>.</summary>
    public static readonly string[] CompatAccessTokens =
    [
        "syt_YWxpY2U_admintool_W8e9R0 | alice | null | start | null",
        "syt_YWxpY2U_keys_N5m6Q7 | alice | ALICEKEYS | 2023-11-14T22:23:20.000Z | null",
        "syt_YWxpY2U_laptop_C2v3B4 | alice | ALICELAPTOP | 2023-11-14T22:20:00.000Z | 2023-11-14T22:25:00.000Z",
        "syt_YWxpY2U_phoneone_H6j7K8 | alice | ALICEPHONE | 2023-11-14T22:13:21.000Z | null",
        "syt_YWxpY2U_phonetwo_L9z0X1 | alice | ALICEPHONE | 2023-11-14T21:56:40.000Z | 2100-01-01T00:00:00.000Z",
        "syt_Ym9i_tab11_I4o5P6 | bob | BOBTAB | 2024-03-09T16:03:20.000Z | 2024-03-09T16:04:10.000Z",
        "syt_Ym9i_tab20_A7s8D9 | bob | BOBTAB | 2024-03-09T16:05:00.000Z | 2024-03-09T16:05:50.000Z",
        "syt_Ym9i_tab21_F0g1H2 | bob | BOBTAB | 2024-03-09T16:06:40.000Z | 2024-03-09T16:07:30.000Z",
        "syt_ZXJpbg_phone_S4d5F6 | erin | ERINPHONE | 2024-10-27T03:33:20.000Z | null",
    ];

    /// <summary>
    /// <c>refresh_token | its access token | session's username | session's device_id | created_at |
    /// consumed_at | in its access token's session</c>.
    /// </summary>
    public static readonly string[] CompatRefreshTokens =
    [
        "syr_YWxpY2U_laptoprefresh_Q1w2E3 | syt_YWxpY2U_laptop_C2v3B4 | alice | ALICELAPTOP | 2023-11-14T22:20:00.000Z | null | true",
        "syr_Ym9i_tabrefresh11_R4t5Y6 | syt_Ym9i_tab11_I4o5P6 | bob | BOBTAB | 2024-03-09T16:03:20.000Z | null | true",
        "syr_Ym9i_tabrefresh20_D3f4G5 | syt_Ym9i_tab20_A7s8D9 | bob | BOBTAB | 2024-03-09T16:05:00.000Z | null | true",
        "syr_Ym9i_tabrefresh21_P0a1S2 | syt_Ym9i_tab21_F0g1H2 | bob | BOBTAB | 2024-03-09T16:06:40.000Z | null | true",
    ];

    /// <summary>The summary's lines, as <see cref="MigrationSummary"/> reads them back from stdout.</summary>
    public static readonly string[] Summary =
    [
        "users from users: read 8, written 7, skipped 1 (appservice-user 1)",
        "user_passwords from users: read 8, written 4, skipped 0",
        "user_emails from user_threepids: read 6, written 3, skipped 2 (deactivated-user 2)",
        "user_unsupported_third_party_ids from user_threepids: read 6, written 1, skipped 0",
        "upstream_oauth_links from user_external_ids: read 6, written 5, skipped 1 (appservice-user 1)",
        "compat_sessions from devices: read 13, written 9, skipped 5 (appservice-user 1, deactivated-user 1, guest-device 1, guest-user 1, hidden-device 1)",
        "compat_access_tokens from access_tokens: read 17, written 9, skipped 8 (access-token-expired 2, appservice-user 1, deactivated-user 1, guest-user 1, puppet-token 1, successor-used 1, unknown-device 1)",
        "compat_refresh_tokens from refresh_tokens: read 5, written 4, skipped 1 (successor-used 1)",
    ];

    [GeneratedRegex(@"'((?:sy[tr]_|\$2b\$)[^']+)'")]
    private static partial Regex SecretPattern();
}
