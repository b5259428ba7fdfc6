namespace Syn2Mas.Net.Mas;

/// <summary>How a <see cref="MasWriter"/> behaves; the defaults suit a real migration.</summary>
internal sealed record MasWriterOptions
{
    public static MasWriterOptions Default { get; } = new();

    /// <summary>
    /// Synapse's <c>server_name</c>, so that error messages name users as Synapse does
    /// (<c>@alice:example.com</c>); without it they give the MAS username (the localpart).
    /// </summary>
    public string? ServerName { get; init; }

    /// <summary>A COPY reports its rows every this many, and once at the end.</summary>
    public int ProgressInterval { get; init; } = 100_000;

    /// <summary>
    /// How long a statement may wait for a table lock held by someone else (MAS still running, an open
    /// psql session) before the migration fails with a message instead of hanging behind it.
    /// </summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
