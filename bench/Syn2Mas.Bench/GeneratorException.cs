namespace Syn2Mas.Bench;

/// <summary>A problem the person running the generator can fix; reported as one line, without a stack trace.</summary>
public sealed class GeneratorException : Exception
{
    public GeneratorException()
    {
    }

    public GeneratorException(string message)
        : base(message)
    {
    }

    public GeneratorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
