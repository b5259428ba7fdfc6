using Syn2Mas.Net.Mas;

namespace Syn2Mas.Net.Verification;

/// <summary>
/// One user's sessions and access tokens by their natural keys, on one side: a session is its device id,
/// or, deviceless, the access token it was made for; an access token is its value. Ids differ between the
/// two sides, so a token's session and a refresh token's access token are compared through these keys.
/// </summary>
internal sealed class SessionKeys
{
    public static readonly SessionKeys Empty = new([], []);

    private const string DevicePrefix = "device:";
    private const string TokenPrefix = "token:";

    private readonly Dictionary<Guid, string>? _sessions;
    private readonly Dictionary<Guid, string>? _tokens;

    public SessionKeys(IReadOnlyList<MasCompatSession> sessions, IReadOnlyList<MasCompatAccessToken> accessTokens)
    {
        if (sessions.Count == 0 && accessTokens.Count == 0)
        {
            return;
        }

        _tokens = new Dictionary<Guid, string>(accessTokens.Count);
        Dictionary<Guid, string>? firstToken = null;
        foreach (var token in accessTokens)
        {
            _tokens.TryAdd(token.CompatAccessTokenId, token.AccessToken);
            (firstToken ??= []).TryAdd(token.CompatSessionId, token.AccessToken);
        }

        _sessions = new Dictionary<Guid, string>(sessions.Count);
        foreach (var session in sessions)
        {
            _sessions.TryAdd(session.CompatSessionId, session.DeviceId is { } deviceId
                ? DevicePrefix + deviceId
                : TokenPrefix + (firstToken?.GetValueOrDefault(session.CompatSessionId) ?? session.CompatSessionId.ToString("D")));
        }
    }

    /// <summary>Deviceless sessions are keyed by their token.</summary>
    public static bool IsSecret(string sessionKey) => sessionKey.StartsWith(TokenPrefix, StringComparison.Ordinal);

    /// <summary>The session's natural key; its id when the user has no such session (a token pointing elsewhere).</summary>
    public string Of(Guid sessionId) => _sessions?.GetValueOrDefault(sessionId) ?? sessionId.ToString("D");

    /// <summary>The access token's value; its id when the user has no such token.</summary>
    public string TokenOf(Guid accessTokenId) => _tokens?.GetValueOrDefault(accessTokenId) ?? accessTokenId.ToString("D");
}
