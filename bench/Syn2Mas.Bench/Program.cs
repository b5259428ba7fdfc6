using Syn2Mas.Bench;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, eventArgs) =>
{
    eventArgs.Cancel = true;
    cancellation.Cancel();
};

return await BenchApp.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
