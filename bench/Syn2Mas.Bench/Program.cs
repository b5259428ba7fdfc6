// The benchmark (data generator, runner, floor comparison) is built on top of this entry point.
Console.Error.WriteLine("The benchmark is not implemented yet; see bench/README.md.");
return 1;
