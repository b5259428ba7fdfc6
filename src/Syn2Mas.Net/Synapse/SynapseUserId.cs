namespace Syn2Mas.Net.Synapse;

/// <summary>
/// rule: localpart. A Synapse user id, <c>@localpart:server</c>, as stored in <c>users.name</c>: the localpart
/// is what lies between the leading <c>@</c> and the first <c>:</c>, the rest is the server's name. The
/// first colon is found once, as the row is read; a malformed id is kept as it is, for the mapper to refuse
/// or skip by name.
/// </summary>
internal readonly record struct SynapseUserId
{
    /// <summary>The first <c>:</c> of a well-formed id (after a localpart of at least one character), or -1.</summary>
    private readonly int _colon;

    public SynapseUserId(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        _colon = value.StartsWith('@') && colon >= 2 ? colon : -1;
    }

    /// <summary>The id as stored.</summary>
    public string Value { get; }

    /// <summary>True when the id is <c>@localpart:server</c> with a localpart of at least one character.</summary>
    public bool IsWellFormed => _colon > 0;

    /// <summary>The localpart of a well-formed id.</summary>
    /// <exception cref="InvalidOperationException">The id is malformed.</exception>
    public string Localpart => IsWellFormed ? Value[1.._colon] : throw new InvalidOperationException("a malformed user id has no localpart");

    /// <summary>True when the id is well formed and its server is <paramref name="serverName"/>, exactly.</summary>
    public bool IsOn(string serverName) => IsWellFormed && Value.AsSpan(_colon + 1).SequenceEqual(serverName);

    /// <summary>
    /// True when the id ends with <c>:</c><paramref name="serverName"/> and a colon comes before that: a
    /// localpart holding <c>:</c>, which only an application service can register.
    /// </summary>
    public bool HasColonInLocalpart(string serverName)
    {
        ArgumentNullException.ThrowIfNull(serverName);
        var suffixStart = Value.Length - serverName.Length - 1;
        return Value.StartsWith('@')
            && suffixStart > 1
            && Value[suffixStart] == ':'
            && Value.AsSpan(suffixStart + 1).SequenceEqual(serverName)
            && Value.IndexOf(':', StringComparison.Ordinal) < suffixStart;
    }

    public override string ToString() => Value;
}
