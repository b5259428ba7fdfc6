namespace Syn2Mas.Net.Advisor;

/// <summary>The operator's choices that change what counts as an error or a warning.</summary>
public sealed record AdvisorOptions
{
    /// <summary><c>--ignore-missing-auth-providers</c>: unmapped providers' links are skipped, so they only warn.</summary>
    public bool IgnoreMissingAuthProviders { get; init; }

    /// <summary><c>--skip-invalid-users</c>: malformed and foreign user ids are skipped, so they only warn.</summary>
    public bool SkipInvalidUsers { get; init; }

    /// <summary><c>--skip-orphans</c>: rows without a user are skipped, so they only warn.</summary>
    public bool SkipOrphans { get; init; }

    /// <summary><c>--allow-warnings</c>: warning codes reported as notes; <c>all</c> allows every warning.</summary>
    public IReadOnlySet<string> AllowedWarnings { get; init; } = new HashSet<string>();

    /// <summary>
    /// A real migration: anything else that has Synapse's database open is an error, since Synapse's next
    /// write would either wait on the migration's locks or be lost (SQLite).
    /// </summary>
    public bool RefuseRunningSynapse { get; init; }

    public bool AllowAllWarnings => AllowedWarnings.Contains("all");

    /// <summary>The severity an error gets when the option that skips its rows is on.</summary>
    internal static Severity ErrorUnless(bool skipped) => skipped ? Severity.Warning : Severity.Error;
}
