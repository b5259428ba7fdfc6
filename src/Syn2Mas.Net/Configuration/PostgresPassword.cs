using System.Text;

namespace Syn2Mas.Net.Configuration;

/// <summary>
/// Where a PostgreSQL password comes from when the configuration gives none, by libpq's rules: the
/// <c>PGPASSWORD</c> variable, else the first matching line of the password file (<c>PGPASSFILE</c>, else
/// <c>~/.pgpass</c>). A line is <c>host:port:database:user:password</c>; a field of just <c>*</c> matches
/// anything, and <c>\:</c> and <c>\\</c> stand for a colon and a backslash. A file that other users may read is
/// ignored with a warning, as libpq does. These keep passwords off the command line, where <c>ps</c> shows them.
/// </summary>
internal static class PostgresPassword
{
    // Debian's libpq looks in the first, upstream's in the last; libpq matches "localhost" for its default.
    private static readonly string[] DefaultSocketFolders = ["/var/run/postgresql", "/run/postgresql", "/tmp"];

    /// <param name="warnings">Gets a line when a password file had to be ignored.</param>
    /// <param name="environment">Reads an environment variable; by default this process's.</param>
    public static PostgresConnectionSettings Resolve(
        PostgresConnectionSettings settings, ICollection<string> warnings, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        environment ??= Environment.GetEnvironmentVariable;
        if (!string.IsNullOrEmpty(settings.Password))
        {
            return settings;
        }

        if (environment("PGPASSWORD") is { Length: > 0 } fromEnvironment)
        {
            return settings.WithPassword(fromEnvironment);
        }

        return FromFile(settings, warnings, environment) is { } fromFile ? settings.WithPassword(fromFile) : settings;
    }

    private static string? FromFile(PostgresConnectionSettings settings, ICollection<string> warnings, Func<string, string?> environment)
    {
        var file = environment("PGPASSFILE") is { Length: > 0 } named
            ? named
            : environment("HOME") is { Length: > 0 } home ? Path.Combine(home, ".pgpass") : null;
        if (file is null || !(File.Exists(file) || Directory.Exists(file)))
        {
            return null;
        }

        if (!File.Exists(file))
        {
            warnings.Add($"the password file {file} is not a plain file, so it is ignored.");
            return null;
        }

        if (!OperatingSystem.IsWindows()
            && (File.GetUnixFileMode(file) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)) != 0)
        {
            warnings.Add($"the password file {file} may be read by other users, so it is ignored (as libpq does); make it private with chmod 600.");
            return null;
        }

        string[] lines;
        try
        {
            lines = ConfigurationLimits.ReadText(file, "the password file").Split('\n');
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            warnings.Add($"the password file {file} cannot be read ({ConfigurationFiles.Describe(exception, file)}), so it is ignored.");
            return null;
        }

        var username = settings.Username ?? environment("PGUSER") ?? Environment.UserName;
        string[] wanted =
        [
            settings.IsUnixSocket && DefaultSocketFolders.Contains(settings.Host.TrimEnd('/')) ? "localhost" : settings.Host,
            settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            settings.Database ?? username,
            username,
        ];
        foreach (var line in lines)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = Split(line.TrimEnd('\r'));
            if (fields.Count >= 5 && Enumerable.Range(0, 4).All(i => fields[i].Raw == "*" || fields[i].Value == wanted[i]))
            {
                return fields[4].Value;
            }
        }

        return null;
    }

    /// <summary>The line's colon-separated fields, each as written and with its escapes undone.</summary>
    private static List<(string Raw, string Value)> Split(string line)
    {
        var fields = new List<(string, string)>();
        var raw = new StringBuilder();
        var value = new StringBuilder();
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length)
            {
                raw.Append(line, i, 2);
                value.Append(line[++i]);
            }
            else if (line[i] == ':')
            {
                fields.Add((raw.ToString(), value.ToString()));
                raw.Clear();
                value.Clear();
            }
            else
            {
                raw.Append(line[i]);
                value.Append(line[i]);
            }
        }

        fields.Add((raw.ToString(), value.ToString()));
        return fields;
    }
}
