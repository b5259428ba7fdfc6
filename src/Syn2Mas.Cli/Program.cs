using Syn2Mas.Cli;

return await CliApp.RunAsync(args, Console.Out, Console.Error);
