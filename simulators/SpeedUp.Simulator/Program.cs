using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using SpeedUp.Simulator;

// dotnet run --project simulators/SpeedUp.Simulator -- --config simulators/simulators.json [--verbose]
string? configPath = null;
var minimumLevel = LogLevel.Warning;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--config" when i + 1 < args.Length:
            configPath = args[++i];
            break;
        case "--verbose" or "-v":
            minimumLevel = LogLevel.Debug;
            break;
        case "--help" or "-h":
            Console.WriteLine("Usage: SpeedUp.Simulator --config <simulators.json> [--verbose]");
            Console.WriteLine("Starts every simulated BRAS network of the config (CLI over sshd, SNMP v2c) until Ctrl+C or SIGTERM.");
            return 0;
        default:
            Console.Error.WriteLine("Unknown argument '" + args[i] + "'. Usage: SpeedUp.Simulator --config <simulators.json> [--verbose]");
            return 2;
    }
}

configPath ??= File.Exists("simulators/simulators.json") ? "simulators/simulators.json" : null;
if (configPath is null)
{
    Console.Error.WriteLine("No --config given and simulators/simulators.json is not in the current directory.");
    return 2;
}

using var stop = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
using var loggers = new SimpleConsoleLoggerFactory(minimumLevel);
var running = new List<(string Name, BrasSimulator Simulator)>();
SimulatorControlServer? control = null;
try
{
    var plan = LauncherConfigLoader.LoadPlan(configPath);
    foreach (var (name, options) in plan.Networks)
    {
        options.LoggerFactory = loggers;
        var simulator = await BrasSimulator.StartAsync(options, stop.Token);
        running.Add((name, simulator));
        Console.WriteLine(LauncherReport.Describe(name, simulator));
    }

    if (plan.ControlPort != 0)
    {
        control = SimulatorControlServer.Start(running, plan.ControlPort, loggers.CreateLogger<SimulatorControlServer>());
        Console.WriteLine(LauncherReport.DescribeControl(control));
    }

    Console.WriteLine("Running; Ctrl+C or SIGTERM stops.");
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.WriteLine("Stopping.");
}
catch (Exception ex) when (ex is InvalidOperationException or SeedValidationException or ArgumentException or IOException
    or System.Net.Sockets.SocketException or UnauthorizedAccessException)
{
    Console.Error.WriteLine("Error: " + ex.Message);
    return 1;
}
finally
{
    if (control is not null)
    {
        await control.DisposeAsync();
    }

    foreach (var (_, simulator) in running)
    {
        await simulator.DisposeAsync();
    }
}

return 0;
