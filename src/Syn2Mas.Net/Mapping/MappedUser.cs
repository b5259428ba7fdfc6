using Syn2Mas.Net.Mas;

namespace Syn2Mas.Net.Mapping;

/// <summary>
/// The MAS rows made from one Synapse user id's rows, for every MAS table, with the rows left out and the
/// warnings. Lists no row was added to share one empty instance,
/// so a user with nothing to migrate costs little.
/// </summary>
internal sealed class MappedUser
{
    private List<MasUserEmail>? _emails;
    private List<MasUnsupportedThreepid>? _unsupportedThreepids;
    private List<MasUpstreamOauthLink>? _upstreamOauthLinks;
    private List<MasCompatSession>? _compatSessions;
    private List<MasCompatAccessToken>? _compatAccessTokens;
    private List<MasCompatRefreshToken>? _compatRefreshTokens;
    private List<SkippedRow>? _skippedRows;
    private List<MappingWarning>? _warnings;

    internal MappedUser(string? userId) => UserId = userId;

    /// <summary>The Synapse user id the rows belong to (<see cref="Synapse.SynapseUserRows.UserId"/>).</summary>
    public string? UserId { get; }

    /// <summary>The <c>users</c> row; null when the user is not migrated (see <see cref="SkippedRows"/>).</summary>
    public MasUser? User { get; internal set; }

    /// <summary>The <c>user_passwords</c> row; null when the user has no password hash.</summary>
    public MasUserPassword? Password { get; internal set; }

    public IReadOnlyList<MasUserEmail> Emails => (IReadOnlyList<MasUserEmail>?)_emails ?? [];

    public IReadOnlyList<MasUnsupportedThreepid> UnsupportedThreepids => (IReadOnlyList<MasUnsupportedThreepid>?)_unsupportedThreepids ?? [];

    public IReadOnlyList<MasUpstreamOauthLink> UpstreamOauthLinks => (IReadOnlyList<MasUpstreamOauthLink>?)_upstreamOauthLinks ?? [];

    public IReadOnlyList<MasCompatSession> CompatSessions => (IReadOnlyList<MasCompatSession>?)_compatSessions ?? [];

    public IReadOnlyList<MasCompatAccessToken> CompatAccessTokens => (IReadOnlyList<MasCompatAccessToken>?)_compatAccessTokens ?? [];

    public IReadOnlyList<MasCompatRefreshToken> CompatRefreshTokens => (IReadOnlyList<MasCompatRefreshToken>?)_compatRefreshTokens ?? [];

    /// <summary>The Synapse rows not migrated, each with its table and reason.</summary>
    public IReadOnlyList<SkippedRow> SkippedRows => (IReadOnlyList<SkippedRow>?)_skippedRows ?? [];

    public IReadOnlyList<MappingWarning> Warnings => (IReadOnlyList<MappingWarning>?)_warnings ?? [];

    internal void Add(MasUserEmail email) => (_emails ??= []).Add(email);

    internal void Add(MasUnsupportedThreepid threepid) => (_unsupportedThreepids ??= []).Add(threepid);

    internal void Add(MasUpstreamOauthLink link) => (_upstreamOauthLinks ??= []).Add(link);

    internal void Add(MasCompatSession session) => (_compatSessions ??= []).Add(session);

    internal void Add(MasCompatAccessToken accessToken) => (_compatAccessTokens ??= []).Add(accessToken);

    internal void Add(MasCompatRefreshToken refreshToken) => (_compatRefreshTokens ??= []).Add(refreshToken);

    internal void Skip(string table, string reason) => (_skippedRows ??= []).Add(new SkippedRow(table, reason, UserId));

    internal void Skip(string table, string reason, int count)
    {
        for (var index = 0; index < count; index++)
        {
            Skip(table, reason);
        }
    }

    internal void Warn(string code, string? deviceId, string message) =>
        (_warnings ??= []).Add(new MappingWarning(code, UserId, deviceId, message));
}
