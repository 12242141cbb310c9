using System.Diagnostics;
using System.Globalization;
using Broadband.SpeedUp.V1;
using SpeedUp.Simulator;
using SpeedUp.Testing;
using SpeedUp.Testing.Postgres;

namespace SpeedUp.Benchmarks;

/// <summary>
/// Scenario "throughput" (issue 20, goal 2): Start→Stop cycles over many lines of one supply channel. A BRAS of L
/// generated lines (real addresses from the host's <c>seed</c> command; L = 200, or <c>--concurrency</c> × 4 when
/// larger) replaces the seeded one of its carrier; the service runs as its own process on SQLite with default settings.
/// <see cref="ThroughputChannel.Snmp"/> (scenario <c>throughput</c>): Beijing China Unicom lines on the SNMP channel.
/// <see cref="ThroughputChannel.Cli"/> (scenario <c>throughput-cli</c>): Zhejiang China Telecom lines on the SSH CLI
/// channel, the BRAS behind real sshd, the channel keeping <see cref="ThroughputChannel.MaxSessions"/> sessions.
/// With <c>postgres</c> (scenario <c>throughput-postgres</c>, SNMP lines) the service's store is a throwaway
/// PostgreSQL 15 cluster with <c>fsync</c> on, as a production server runs, and each phase also reports the server's
/// CPU per cycle.
/// Every line is pre-checked and given a 30-day pack, then for each number of cycles in flight a timed phase of 20 s:
/// each worker cycles its own lines (Precheck → StartSpeedUp → QueryStatus → StopSpeedUp, every answer checked);
/// cycles/s, each RPC's latency, the service's CPU per cycle.
/// </summary>
internal sealed class ThroughputBenchmark(CarrierSimulators networks, BenchmarkOptions options, ThroughputChannel channel, bool postgres)
{
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(20);

    /// <summary>
    /// After the warm-up, cycles run at the top in-flight count for this long, not counted, so tiered JIT has compiled
    /// the hot paths before the first phase (scenario overhead found processes still being compiled after short warm-ups).
    /// </summary>
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(15);

    private int Lines => Math.Max(200, options.Concurrency * 4);

    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        var scenario = postgres ? channel.Scenario + "-postgres" : channel.Scenario;
        Report.Heading($"Scenario {scenario}: Start→Stop cycles over {Lines} lines of {channel.Description} ({(postgres ? "PostgreSQL" : "SQLite")}, one instance)");
        var seed = await HostCommand.RunAsync(
            ["seed", "--carrier", channel.Carrier, "--province", channel.Province, "--count", Lines.ToString(CultureInfo.InvariantCulture), "--hostname", "BRAS-BENCH"],
            new Dictionary<string, string?> { ["SpeedUp__Location__DatabasePath"] = RepositoryPaths.Ip2RegionDatabase }, cancellationToken);
        if (seed.Code != 0)
        {
            Report.KeyValue("seed", $"FAILED ({seed.Code}): {seed.Error}");
            return false;
        }

        await using var bras = await BrasSimulator.StartAsync(channel.Bras(SeedLoader.Parse(seed.Output), networks.StateDirectory), cancellationToken);
        Report.KeyValue("BRAS", $"{bras.State.Lines.Count} generated {channel.Province} {channel.Carrier} lines, {channel.Face(bras)}");
        var database = Path.Combine(Path.GetTempPath(), $"speedup-throughput-{Guid.NewGuid():N}.db");
        var settings = channel.Settings(bras);
        await using var cluster = postgres ? await PostgresCluster.StartAsync(durable: true, cancellationToken) : null;
        if (cluster is not null)
        {
            settings["SpeedUp:Storage:Provider"] = "Postgres";
            settings["SpeedUp:Storage:ConnectionString"] = await cluster.CreateDatabaseAsync("throughput", cancellationToken);
            settings["SpeedUp:Cluster:InstanceId"] = "bench-a";
            Report.KeyValue("PostgreSQL", $"127.0.0.1:{cluster.Port} (throwaway cluster, fsync on, synchronous_commit on)");
        }

        // Configuration keys only: the device's password travels in its own variable and is never printed.
        Report.KeyValue("channel settings", string.Join(", ", settings
            .Where(s => s.Key.StartsWith("SpeedUp:", StringComparison.Ordinal) && !s.Key.EndsWith(":HostKeySha256", StringComparison.Ordinal))
            .Select(s => $"{s.Key}={s.Value}")));
        var service = await ServiceProcess.StartAsync(networks, database, settings, cancellationToken);
        try
        {
            var lines = await EligibleAsync(service, bras, channel.LineCarrier, cancellationToken);
            if (lines.Count < Lines)
            {
                Report.KeyValue("eligible lines", $"FAILED: {lines.Count} of {Lines}");
                return false;
            }

            var failures = new FailureLog();
            var warmUp = new CycleRunner(service.Client, new LatencyRecorder(), failures);
            await Parallel.ForEachAsync(lines, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                async (line, ct) => await warmUp.RunAsync(line, ct));
            Report.KeyValue("warm-up (not counted)", $"one cycle per line, 8 in flight, {failures.Count} failures");
            var settled = await CycleForAsync(new CycleRunner(service.Client, new LatencyRecorder(), failures), lines, channel.InFlight[^1], SettleTime, cancellationToken);
            Report.KeyValue("settling (not counted)", $"{settled} cycles, {channel.InFlight[^1]} in flight for {SettleTime.TotalSeconds:0} s (tiered JIT compiles the hot paths), {failures.Count} failures");

            foreach (var inFlight in channel.InFlight)
            {
                await PhaseAsync(service, cluster, lines, inFlight, failures, cancellationToken);
            }

            failures.Print();
            var off = bras.State.Lines.Count(l => !l.AtBaseRates);
            Report.KeyValue("BRAS lines back at base", off == 0 ? $"OK: all {bras.State.Lines.Count}" : $"FAILED: {off} still sped up");
            return failures.Count == 0 && off == 0;
        }
        finally
        {
            await service.DisposeAsync();
            foreach (var file in new[] { database, database + "-wal", database + "-shm", database + ".master.key" })
            {
                File.Delete(file);
            }
        }
    }

    private static async Task<List<ServiceLine>> EligibleAsync(ServiceProcess service, BrasSimulator bras, string carrier, CancellationToken cancellationToken)
    {
        var lines = new List<ServiceLine>();
        foreach (var line in bras.State.Lines)
        {
            var answer = await service.Client.PrecheckAsync(new PrecheckRequest { IpAddress = line.IpAddress.ToString(), Port = 0 }, cancellationToken: cancellationToken);
            var down = answer.Offers.Where(o => o.Direction == Direction.Down).Select(o => o.BandwidthMbps).ToArray();
            if (down.Length > 0)
            {
                await service.Client.OrderThirtyDayPackAsync(answer.BandId, Direction.Down, down.Min(), cancellationToken: cancellationToken);
                lines.Add(new ServiceLine(carrier, line.IpAddress.ToString(), 0, answer.BandId, down.Min()));
            }
        }

        return lines;
    }

    private static async Task PhaseAsync(
        ServiceProcess service, PostgresCluster? cluster, List<ServiceLine> lines, int inFlight, FailureLog failures, CancellationToken cancellationToken)
    {
        var recorder = new LatencyRecorder();
        var runner = new CycleRunner(service.Client, recorder, failures);
        var cpuBefore = service.ProcessorTime;
        var serverBefore = cluster?.ServerProcessorTime() ?? TimeSpan.Zero;
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var watch = Stopwatch.StartNew();
        var cycles = await CycleForAsync(runner, lines, inFlight, Phase, cancellationToken);
        watch.Stop();
        var cpu = (service.ProcessorTime - cpuBefore).TotalMilliseconds;
        var server = cluster is null ? "" : $", PostgreSQL CPU {(cluster.ServerProcessorTime() - serverBefore).TotalMilliseconds / cycles:0.00} ms per cycle";
        Report.Line("");
        Report.KeyValue($"{inFlight} cycles in flight", $"{cycles / watch.Elapsed.TotalSeconds:0} cycles/s ({cycles} in {watch.Elapsed.TotalSeconds:0.0} s), "
            + $"service CPU {cpu / cycles:0.00} ms per cycle ({cpu / watch.Elapsed.TotalMilliseconds * 100:0} % of one core){server}, load at start {load}");
        Report.Table(recorder.Summaries());
    }

    /// <summary>Keeps <paramref name="inFlight"/> workers cycling their own lines for <paramref name="duration"/>; the cycles run.</summary>
    private static async Task<int> CycleForAsync(CycleRunner runner, List<ServiceLine> lines, int inFlight, TimeSpan duration, CancellationToken cancellationToken)
    {
        var cycles = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async worker =>
        {
            var own = lines.Where((_, i) => i % inFlight == worker).ToArray();
            for (var i = 0; watch.Elapsed < duration; i++)
            {
                await runner.RunAsync(own[i % own.Length], cancellationToken);
                Interlocked.Increment(ref cycles);
            }
        }));
        return cycles;
    }
}

/// <summary>The supply channel a throughput run drives, and the BRAS of generated lines behind it.</summary>
internal sealed record ThroughputChannel(
    string Scenario, string Description, string Carrier, string LineCarrier, string Province, int[] InFlight,
    Func<BrasSeed, string, BrasSimulatorOptions> Bras, Func<BrasSimulator, string> Face, Func<BrasSimulator, Dictionary<string, string>> Settings)
{
    /// <summary>SSH sessions the CLI channel keeps to its device in <see cref="Cli"/> (the configuration's default is 2).</summary>
    public const int MaxSessions = 8;

    /// <summary>
    /// China Unicom, Beijing, on the SNMP channel (channel 1). One customer drives every cycle: beyond 32 device calls
    /// at once (the SNMP channel's call slots) and 8 queued for the customer, its calls are refused
    /// BUSINESS_LIMIT_CONTROL by design (per-channel admission), so 32 is the top.
    /// </summary>
    public static ThroughputChannel Snmp { get; } = new(
        "throughput", "an SNMP channel", "ChinaUnicom", "Unicom", "Beijing", [8, 16, 32],
        (seed, state) => new BrasSimulatorOptions
        {
            Seed = seed,
            CliSocketPath = Path.Combine(state, "throughput-cli.sock"),
            WriteCommunity = CarrierSimulators.UnicomWriteCommunity,
            CliDialect = CliDialects.Zte,
        },
        bras => $"SNMP {bras.SnmpEndpoint}",
        bras => new Dictionary<string, string> { ["SpeedUp:Channels:1:Port"] = bras.SnmpEndpoint.Port.ToString(CultureInfo.InvariantCulture) });

    /// <summary>
    /// China Telecom, Zhejiang, on the SSH CLI channel (channel 0), the BRAS behind its own real sshd. The channel's
    /// call slots are its <see cref="MaxSessions"/>, and one customer may queue 8 more, so 16 is the top.
    /// </summary>
    public static ThroughputChannel Cli { get; } = new(
        "throughput-cli", $"an SSH CLI channel ({MaxSessions} pooled sessions)", "ChinaTelecom", "Telecom", "Zhejiang", [4, 8, 16],
        (seed, state) => new BrasSimulatorOptions
        {
            Seed = seed,
            CliSocketPath = Path.Combine(state, "throughput-ct-cli.sock"),
            Ssh = new SshFrontOptions { Port = 0, StateDirectory = Path.Combine(state, "throughput-ct-sshd") },
        },
        bras => $"SSH CLI 127.0.0.1:{bras.SshPort} (real sshd)",
        bras => new Dictionary<string, string>
        {
            ["SpeedUp:Channels:0:Port"] = bras.SshPort.ToString(CultureInfo.InvariantCulture),
            ["SpeedUp:Channels:0:Username"] = bras.SshUser,
            ["SpeedUp:Channels:0:HostKeySha256"] = bras.SshHostKeySha256,
            ["SpeedUp:Channels:0:MaxSessions"] = MaxSessions.ToString(CultureInfo.InvariantCulture),
            ["SPEEDUP_CT_SSH_PASSWORD"] = bras.SshPassword,
        });
}
