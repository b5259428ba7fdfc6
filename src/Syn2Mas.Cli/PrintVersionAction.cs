using System.CommandLine;
using System.CommandLine.Invocation;

namespace Syn2Mas.Cli;

/// <summary>
/// Prints <see cref="CliApp.Version"/>. System.CommandLine's own version action prints the entry assembly's
/// version, which is not this tool's when the command line runs inside another host.
/// </summary>
internal sealed class PrintVersionAction(TextWriter output) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        output.WriteLine(CliApp.Version);
        return ExitCodes.Success;
    }
}
