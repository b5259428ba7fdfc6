using Syn2Mas.Cli;

using var signals = new SignalCancellation();
return signals.ExitCode(await CliApp.RunAsync(args, Console.Out, Console.Error, signals.Token));
