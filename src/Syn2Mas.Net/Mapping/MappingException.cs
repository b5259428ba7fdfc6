namespace Syn2Mas.Net.Mapping;

/// <summary>
/// Synapse data the migration cannot write and no option allows it to skip. The checks before migrating
/// report every such row as an error, so meeting one means the data changed after the checks or the checks
/// missed a case. The message names the table, the column and the user; never a stored value, which could be
/// a secret.
/// </summary>
public sealed class MappingException : Exception
{
    public MappingException(string message)
        : base(message)
    {
    }

    public MappingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MappingException()
    {
    }
}
