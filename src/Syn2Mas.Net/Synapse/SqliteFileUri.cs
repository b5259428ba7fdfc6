using System.Globalization;
using System.Text;

namespace Syn2Mas.Net.Synapse;

/// <summary>
/// Spells a SQLite file as a <c>file:</c> URI, the only way to pass URI parameters such as
/// <c>immutable=1</c> through Microsoft.Data.Sqlite (it opens a data source starting with <c>file:</c> as a URI).
/// </summary>
internal static class SqliteFileUri
{
    public static string Immutable(string path) => Of(path) + "?immutable=1";

    /// <summary>
    /// Every byte of the UTF-8 path except unreserved characters and slashes is percent-encoded: SQLite
    /// decodes them, and a literal <c>?</c>, <c>#</c> or <c>%</c> in a folder name would otherwise end or
    /// garble the path.
    /// </summary>
    public static string Of(string path)
    {
        var uri = new StringBuilder("file:");
        foreach (var b in Encoding.UTF8.GetBytes(Path.GetFullPath(path)))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'/' or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                uri.Append((char)b);
            }
            else
            {
                uri.Append(CultureInfo.InvariantCulture, $"%{b:X2}");
            }
        }

        return uri.ToString();
    }
}
