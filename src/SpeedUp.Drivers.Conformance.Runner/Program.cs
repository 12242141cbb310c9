using SpeedUp.Drivers.Conformance.Runner;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await ConformanceCommand.RunAsync(args, Console.Out, Console.Error, cancel.Token);
