using Syn2Mas.Net.Configuration;

namespace Syn2Mas.Net.Tests.Configuration;

/// <summary>
/// The shape every configuration error must have (behaviour.md "Safety rules" and "Outputs"): one line,
/// naming the file, the position when the YAML node is known and the key, and never quoting a secret.
/// </summary>
internal static class ConfigurationAssert
{
    public static ConfigurationException Throws(Action load) => Assert.Throws<ConfigurationException>(load);

    public static void IsOneLine(string message)
    {
        Assert.False(string.IsNullOrWhiteSpace(message), "the message is empty");
        Assert.DoesNotContain('\n', message);
        Assert.DoesNotContain('\r', message);
    }

    /// <summary>The message is one line, names <paramref name="where"/> and <paramref name="key"/>, and leaks none of <paramref name="secrets"/>.</summary>
    public static void Names(ConfigurationException exception, string where, string? key, params string[] secrets)
    {
        var message = exception.Message;
        IsOneLine(message);
        Assert.Contains(where, message, StringComparison.Ordinal);
        if (key is not null)
        {
            Assert.Contains(key, message, StringComparison.Ordinal);
        }

        LeaksNothing(message, secrets);
    }

    public static void LeaksNothing(string text, params string[] secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    /// <summary><c>file:line:column</c>, as the messages print a YAML position.</summary>
    public static string At(string file, int line, int column) => $"{file}:{line}:{column}:";
}
