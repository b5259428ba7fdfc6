namespace Syn2Mas.Net.Configuration;

/// <summary>
/// A shared or client secret read only to be compared with its counterpart on the other side. The value
/// never leaves this class: <see cref="ToString"/> and every message name the key and, for a file, its
/// path, never the content.
/// </summary>
public sealed class WiringSecret
{
    private readonly string? _value;

    private WiringSecret(string key, string? value, string? file, bool readable)
    {
        Key = key;
        _value = value;
        File = file;
        Readable = readable;
    }

    /// <summary>The key that gives the secret, e.g. <c>matrix.secret_file</c>, or the inline key when neither is set.</summary>
    public string Key { get; }

    /// <summary>The file the secret is read from, when it is given as a file.</summary>
    public string? File { get; }

    public bool IsSet => _value is not null || File is not null;

    /// <summary>False when the file cannot be read here (often a path inside the service's container).</summary>
    public bool Readable { get; }

    public static WiringSecret None(string key) => new(key, null, null, readable: true);

    /// <summary>Tests build secrets directly; the loader reads them from the files.</summary>
    public static WiringSecret Inline(string key, string value) => new(key, value, null, readable: true);

    /// <summary>
    /// Reads a secret given inline (<paramref name="inlineKey"/>) or as a file (<paramref name="fileKey"/>).
    /// Synapse and MAS both strip the whitespace around a secret read from a file, so a trailing newline
    /// does not make two otherwise equal secrets differ.
    /// </summary>
    internal static WiringSecret Read(ConfigNode section, string inlineKey, string fileKey)
    {
        var inline = section[inlineKey];
        var file = section[fileKey];
        if (!inline.IsNull && !file.IsNull)
        {
            throw file.Error($"and `{inline.Path}` are both set; Synapse and MAS refuse that, give only one of them");
        }

        if (!inline.IsNull)
        {
            return new WiringSecret(inline.Path, inline.AsString(), null, readable: true);
        }

        var path = file.AsString();
        if (path is null)
        {
            return None(inline.Path);
        }

        try
        {
            return new WiringSecret(file.Path, System.IO.File.ReadAllText(Path.GetFullPath(path)).Trim(), path, readable: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new WiringSecret(file.Path, null, path, readable: false);
        }
    }

    /// <summary>True or false when both secrets are known here; null when either is missing or unreadable.</summary>
    public bool? Matches(WiringSecret other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return _value is null || other._value is null ? null : string.Equals(_value, other._value, StringComparison.Ordinal);
    }

    /// <summary>How the secret is given, for messages: the key and the file, never the value.</summary>
    public string Describe() => File is null ? $"`{Key}`" : $"`{Key}` ({File})";

    public override string ToString() => $"{Key}: {(IsSet ? "set" : "not set")}";
}
