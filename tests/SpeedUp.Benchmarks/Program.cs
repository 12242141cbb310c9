using SpeedUp.Benchmarks;
using SpeedUp.Testing;

// dotnet run -c Release --project tests/SpeedUp.Benchmarks -- [--scenario all|drivers|grpc|snmp|cli|coa|failover|nonces|flood|noisy|instances|events|webhooks|million|million-postgres|overhead|overhead-postgres|due|due-postgres|throughput|throughput-cli|throughput-postgres] [--iterations N] [--concurrency N]
BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine("usage: [--scenario all|drivers|grpc|snmp|cli|coa|failover|nonces|flood|noisy|instances|events|webhooks|million|million-postgres|overhead|overhead-postgres|due|due-postgres|throughput|throughput-cli|throughput-postgres] [--iterations N] [--concurrency N]");
    return 2;
}

// Bounds: each timed phase stops at PhaseBudget; the whole run is cancelled after TotalBudget.
var phaseBudget = TimeSpan.FromSeconds(60);
using var total = new CancellationTokenSource(TimeSpan.FromMinutes(options.RunDue ? 25 : 15)); // due: a 10-minute window plus set-up
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    total.Cancel();
};

Console.WriteLine($"SpeedUp benchmarks: scenario {options.Scenario}, iterations {options.Iterations}, concurrency {(options.Concurrency == 0 ? "all eligible lines" : options.Concurrency)}");
MachineInfo.Print();
if (RepositoryPaths.Configuration != "Release")
{
    Console.WriteLine("  WARNING: not a Release build; run with -c Release for meaningful numbers.");
}

var started = System.Diagnostics.Stopwatch.GetTimestamp();
var ok = true;
if (options.RunSnmp)
{
    ok &= await new SpeedUp.Benchmarks.Snmp.SnmpBenchmark(TimeSpan.FromSeconds(3)).RunAsync(total.Token);
}

if (options.RunCoa)
{
    ok &= await new CoaBenchmark(options.Iterations, TimeSpan.FromSeconds(20)).RunAsync(total.Token);
}

if (options.RunNonces)
{
    ok &= await new NonceStoreBenchmark(options.Iterations).RunAsync(total.Token);
}

if (options.NeedsSimulators)
{
    ok &= await RunWithSimulatorsAsync(options, phaseBudget, started, total.Token);
}

Report.Heading("Result");
MachineInfo.PrintLoad("load average at end");
Report.KeyValue("wall time", $"{System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
Report.KeyValue("outcome", ok ? "OK: no errors, every line back at its base rates" : "FAILED: see errors above");
return ok ? 0 : 1;

static async Task<bool> RunWithSimulatorsAsync(BenchmarkOptions options, TimeSpan phaseBudget, long started, CancellationToken cancellationToken)
{
    var ok = true;
    await using var networks = await CarrierSimulators.StartAsync(cancellationToken);
    Report.KeyValue("simulators", $"Telecom ssh 127.0.0.1:{networks.Telecom.SshPort}, Unicom snmp {networks.Unicom.SnmpEndpoint}");
    Report.KeyValue("simulators started in", $"{System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms");
    if (options.RunDrivers)
    {
        ok &= await new DriverBenchmark(networks, options.Iterations, phaseBudget).RunAsync(cancellationToken);
    }

    if (options.RunGrpc)
    {
        ok &= await new GrpcBenchmark(networks, options, phaseBudget).RunAsync(cancellationToken);
    }

    if (options.RunFailover)
    {
        ok &= await new FailoverBenchmark(networks, options, phaseBudget).RunAsync(cancellationToken);
    }

    if (options.RunInstances)
    {
        ok &= await new InstancesBenchmark(networks, options, phaseBudget).RunAsync(cancellationToken);
    }

    if (options.RunEvents)
    {
        ok &= await new EventsBenchmark(networks, options, phaseBudget).RunAsync(cancellationToken);
    }

    if (options.RunFlood)
    {
        ok &= await new FloodBenchmark(networks, TimeSpan.FromSeconds(5)).RunAsync(cancellationToken);
    }

    if (options.RunNoisy)
    {
        ok &= await new NoisyTenantBenchmark(networks, TimeSpan.FromSeconds(10)).RunAsync(cancellationToken);
    }

    if (options.RunWebhooks)
    {
        ok &= await new WebhookBenchmark(networks, options, phaseBudget).RunAsync(cancellationToken);
    }

    if (options.RunMillion)
    {
        ok &= await new SpeedUp.Benchmarks.Million.MillionBenchmark(networks, options, options.Scenario == "million-postgres").RunAsync(cancellationToken);
    }

    if (options.RunOverhead)
    {
        ok &= await new SpeedUp.Benchmarks.Overhead.OverheadBenchmark(networks, options.Scenario == "overhead-postgres").RunAsync(cancellationToken);
    }

    if (options.RunDue)
    {
        ok &= await new DueBenchmark(networks, options, options.Scenario == "due-postgres").RunAsync(cancellationToken);
    }

    if (options.RunThroughput)
    {
        var channel = options.Scenario == "throughput-cli" ? ThroughputChannel.Cli : ThroughputChannel.Snmp;
        ok &= await new ThroughputBenchmark(networks, options, channel, options.Scenario == "throughput-postgres").RunAsync(cancellationToken);
    }

    if (options.RunCli)
    {
        ok &= await new SpeedUp.Benchmarks.Cli.CliBenchmark(networks, options.Iterations, phaseBudget).RunAsync(cancellationToken);
    }

    return ok;
}
