namespace Syn2Mas.Bench.Data;

/// <summary>
/// The shapes a user name can take. Each shape is recognisable from its text alone (its separators, a
/// leading underscore, an <c>=xx</c> escape), so two shapes never produce the same name.
/// </summary>
internal enum LocalpartStyle
{
    /// <summary><c>anna.schmidt</c>, the most common choice on registration forms.</summary>
    FirstDotLast,

    /// <summary><c>anna_schmidt</c>.</summary>
    FirstUnderscoreLast,

    /// <summary><c>anna-schmidt</c>.</summary>
    FirstDashLast,

    /// <summary><c>anna</c>, <c>anna7</c>: short names are taken early and then get numbers.</summary>
    FirstOnly,

    /// <summary><c>a.schmidt</c>.</summary>
    InitialDotLast,

    /// <summary><c>sleepy_otter</c>: handles that are no name at all.</summary>
    Nickname,

    /// <summary><c>_anna._schmidt</c>: Synapse's mapping of "Anna.Schmidt" from a case-sensitive SSO provider.</summary>
    SsoMapped,

    /// <summary><c>jos=c3=a9.garcia</c>: Synapse's <c>=xx</c> escape of non-ASCII letters from an SSO provider.</summary>
    Escaped,

    /// <summary><c>bj=c3=b6rn</c>.</summary>
    EscapedOnly,
}
