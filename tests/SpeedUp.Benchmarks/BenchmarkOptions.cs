using System.Globalization;

namespace SpeedUp.Benchmarks;

/// <summary>Command line: <c>[--scenario all|drivers|grpc|snmp|cli|coa|failover|nonces|flood|noisy|instances|events|webhooks|million|overhead|overhead-postgres] [--iterations N] [--concurrency N]</c>.</summary>
internal sealed record BenchmarkOptions(string Scenario, int Iterations, int Concurrency)
{
    public const int DefaultIterations = 100;
    public const int MaxIterations = 100_000;
    public const int MaxConcurrency = 64;

    /// <summary>Concurrency 0 means "every eligible line".</summary>
    public static BenchmarkOptions Default { get; } = new("all", DefaultIterations, 0);

    public bool RunDrivers => Scenario is "all" or "drivers";

    public bool RunGrpc => Scenario is "all" or "grpc";

    /// <summary>Scenario snmp needs no simulators: it starts its own agents (tests/SpeedUp.Benchmarks/Snmp).</summary>
    public bool RunSnmp => Scenario is "all" or "snmp";

    /// <summary>Scenario cli: SSH CLI clients (ours pooled, Netmiko, SSH.NET connect-per-op) against the Telecom simulator.</summary>
    public bool RunCli => Scenario is "all" or "cli";

    /// <summary>Scenario coa: CoA, SNMP and SSH CLI drivers on one generated BRAS's same lines, 1 and 64 in flight (starts its own simulator).</summary>
    public bool RunCoa => Scenario is "all" or "coa";

    /// <summary>Scenario failover: the scheduler under injected faults (not part of "all": it breaks the SSH side on purpose).</summary>
    public bool RunFailover => Scenario is "failover";

    /// <summary>Scenario nonces: the durable used-nonce store of signed calls, on its own (no simulators, no service).</summary>
    public bool RunNonces => Scenario is "all" or "nonces";

    /// <summary>Scenario flood: a customer's calls while another address floods the service with forged signatures.</summary>
    public bool RunFlood => Scenario is "all" or "flood";

    /// <summary>Scenario noisy (also run by flood): one customer's speed-ups while another floods pre-checks through the same channel.</summary>
    public bool RunNoisy => Scenario is "all" or "flood" or "noisy";

    /// <summary>Scenario instances: SQLite vs PostgreSQL with one and two instances, and the restore takeover after a kill (not part of "all").</summary>
    public bool RunInstances => Scenario is "instances";

    /// <summary>Scenario events: WatchSessions delivery rate and delay while lines cycle (not part of "all").</summary>
    public bool RunEvents => Scenario is "events";

    /// <summary>Scenario webhooks: session events delivered to local receivers (deliveries/s, state change to delivery delay).</summary>
    public bool RunWebhooks => Scenario is "all" or "webhooks";

    /// <summary>
    /// Scenario million (million-postgres: in PostgreSQL): a generated history of stored sessions (1,000,000 at the default 100 iterations; N = iterations
    /// × 10,000), then the service on it: start-up, RSS, QueryStatus, 31-day statistics, CSV export (not part of "all").
    /// </summary>
    public bool RunMillion => Scenario is "million" or "million-postgres";

    /// <summary>
    /// Scenario overhead (overhead-postgres on PostgreSQL): a bare Grpc.AspNetCore call vs the service's signed QueryStatus
    /// in one run, sequential and 64 in flight, then a replay across a restart (not part of "all").
    /// </summary>
    public bool RunOverhead => Scenario is "overhead" or "overhead-postgres";

    /// <summary>
    /// Scenario due (due-postgres: two instances on PostgreSQL): iterations × 1,000 sessions fall due within
    /// iterations / 100 × 10 minutes, an evening peak; restore lag and misses (not part of "all").
    /// </summary>
    public bool RunDue => Scenario is "due" or "due-postgres";

    /// <summary>
    /// Scenarios throughput, throughput-cli and throughput-postgres: Start→Stop cycles over 200 generated lines of an SNMP
    /// (8 to 32 in flight) or an SSH CLI channel (4 to 16 in flight), on SQLite or (SNMP) PostgreSQL; not part of "all".
    /// </summary>
    public bool RunThroughput => Scenario is "throughput" or "throughput-cli" or "throughput-postgres";

    public bool NeedsSimulators => RunThroughput || RunDue || RunOverhead || RunDrivers || RunGrpc || RunCli || RunFailover || RunFlood || RunNoisy || RunInstances || RunEvents || RunWebhooks || RunMillion;

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = Default;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--scenario" when value is "all" or "drivers" or "grpc" or "snmp" or "cli" or "coa" or "failover" or "nonces" or "flood" or "noisy" or "instances" or "events" or "webhooks" or "million" or "million-postgres" or "overhead" or "overhead-postgres" or "due" or "due-postgres" or "throughput" or "throughput-cli" or "throughput-postgres" => options with { Scenario = value },
                "--iterations" => options with { Iterations = Number(args[i], value, 1, MaxIterations) },
                "--concurrency" => options with { Concurrency = Number(args[i], value, 1, MaxConcurrency) },
                _ => throw new ArgumentException($"Unknown argument or value: {args[i]} {value}"),
            };
            i++;
        }

        return options;
    }

    private static int Number(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} must be a whole number in {min}..{max}, not '{value}'.");
}
