using System.CommandLine;
using System.CommandLine.Invocation;
using Syn2Mas.Net.Reporting;

namespace Syn2Mas.Cli;

/// <summary>
/// Prints the version and the commit of the build (<see cref="ToolInfo"/>). System.CommandLine's own version action prints the entry assembly's
/// version, which is not this tool's when the command line runs inside another host.
/// </summary>
internal sealed class PrintVersionAction(TextWriter output) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        output.WriteLine(ToolInfo.Current.ToString());
        return ExitCodes.Success;
    }
}
