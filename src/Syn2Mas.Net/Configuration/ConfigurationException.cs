namespace Syn2Mas.Net.Configuration;

/// <summary>
/// A configuration problem the operator can fix: the message is one line that names the file, the key
/// and, where known, the line and column. It never carries a configuration value, so a secret cannot leak
/// through it.
/// </summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string message)
        : base(message)
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConfigurationException()
    {
    }
}
