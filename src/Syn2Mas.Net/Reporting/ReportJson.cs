using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Syn2Mas.Net.Reporting;

/// <summary>
/// The one JSON dialect of every report: camelCase names, kebab-case enum values, nulls left out,
/// indented for people who open the file.
/// </summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static string Serialize<T>(T report) => JsonSerializer.Serialize(report, Options);

    /// <summary>
    /// Why a report could not be written at <paramref name="path"/>, or null when it can: its folder exists
    /// and takes a new file, and the path is not a folder. Meant for before anything is read or written, so
    /// that a mistyped path costs nothing; it leaves nothing behind.
    /// </summary>
    /// <returns>One line naming the path and what to do, or null.</returns>
    public static string? WhyNotWritable(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath)!;
        if (Directory.Exists(fullPath))
        {
            return $"--report {path} is a folder; give the path of a file, e.g. {Path.Combine(path, "report.json")}.";
        }

        if (!Directory.Exists(folder))
        {
            return $"--report {path}: the folder {folder} does not exist; create it or choose another path.";
        }

        try
        {
            using (CreateTemporary(folder, Path.GetFileName(fullPath), out var probe))
            {
                File.Delete(probe);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"--report {path}: cannot create a file in {folder} ({exception.Message.TrimEnd('.')}); choose a folder this user can write to.";
        }

        return null;
    }

    /// <summary>
    /// Writes the report beside its final name first, so a reader never sees half a file: the temporary file
    /// has an unpredictable name and is created exclusively (an existing file or a planted link is never
    /// followed or overwritten), then renamed over <paramref name="path"/>.
    /// </summary>
    public static async Task WriteFileAsync<T>(T report, string path, CancellationToken cancellationToken = default)
    {
        var fullPath = Path.GetFullPath(path);
        var stream = CreateTemporary(Path.GetDirectoryName(fullPath)!, Path.GetFileName(fullPath), out var temporary);
        try
        {
            await using (stream)
            {
                await using var writer = new StreamWriter(stream);
                await writer.WriteAsync((Serialize(report) + Environment.NewLine).AsMemory(), cancellationToken);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static FileStream CreateTemporary(string folder, string name, out string path)
    {
        path = Path.Combine(folder, $".{name}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}.tmp");

        // CreateNew is O_CREAT | O_EXCL: it fails on any existing name, a symbolic link included, and never follows one.
        return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
    }
}
