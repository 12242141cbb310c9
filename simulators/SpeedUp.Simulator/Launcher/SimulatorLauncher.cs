using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace SpeedUp.Simulator;

/// <summary>
/// The launcher: starts every network of a config and the control endpoint, prints one line per network and the
/// control line on stdout (scripts and tests read them), logs to stderr, and runs until Ctrl+C or SIGTERM.
/// </summary>
internal static class SimulatorLauncher
{
    public const string DefaultConfig = "simulators/simulators.json";

    public static async Task<int> RunAsync(string? configPath, bool verbose)
    {
        configPath ??= File.Exists(DefaultConfig) ? DefaultConfig : null;
        if (configPath is null)
        {
            Console.Error.WriteLine($"No --config given and {DefaultConfig} is not in the current directory.");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
        using var loggers = CreateLoggers(verbose ? LogLevel.Debug : LogLevel.Warning);
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
                control = await SimulatorControlServer.StartAsync(running, plan.ControlPort, loggers.CreateLogger<SimulatorControlServer>(), stop.Token);
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
    }

    /// <summary>Console logging on stderr ("time level: category message", one line each), so stdout keeps only the lines scripts read.</summary>
    private static ILoggerFactory CreateLoggers(LogLevel minimum) => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(minimum)
        .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace)
        .AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss.fff ";
            options.ColorBehavior = LoggerColorBehavior.Disabled;
        }));
}
