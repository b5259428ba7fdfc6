namespace Syn2Mas.Bench.Data;

internal enum UserKind
{
    /// <summary>Signs in with a password.</summary>
    Ordinary,

    /// <summary>Signs in through an identity provider only; no password hash.</summary>
    SsoOnly,

    Admin,
    Locked,
    Deactivated,
    Guest,
    Appservice,
}
