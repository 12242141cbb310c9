using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SpeedUp.Drivers;
using SpeedUp.Drivers.Coa;
using SpeedUp.Drivers.Huawei;
using SpeedUp.Drivers.Zte;
using SpeedUp.Protocols.Radius;
using SpeedUp.Simulator;

namespace SpeedUp.Benchmarks;

/// <summary>
/// Scenario "coa": one simulated Huawei BRAS with <see cref="Lines"/> generated lines and its three faces on the same
/// line state — RADIUS CoA (UDP), SNMP (UDP) and the CLI behind real sshd — and every way we have to change a rate,
/// driven at 1 and at <see cref="Lines"/> operations in flight (each in flight on its own line). An operation = SetRate
/// to twice the base with the driver's read-back, then SetRate back (two writes, two confirmations); the bare CoA
/// exchange (CoA-Request → CoA-ACK, no read-back) is the transport's own cost. Each cell is bounded by a count and a time
/// cap; every line is checked back at its base rates at the end.
/// </summary>
internal sealed class CoaBenchmark(int iterations, TimeSpan budget)
{
    /// <summary>Lines of the generated BRAS = the most operations in flight.</summary>
    public const int Lines = 64;

    private const int CliSessions = 8;
    private const string CoaSecret = "bench-coa-Zr8q";
    private const string WriteCommunity = "bench-write-Kp3m";
    private const int FirstBandId = 330500001;

    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The simulator needs Linux (OpenSSH sshd, Unix sockets).");
        }

        var seed = WriteSeed();
        var state = Directory.CreateTempSubdirectory("speedup-coa-bench-").FullName;
        File.SetUnixFileMode(state, (UnixFileMode)0b111_101_101); // sshd's ForceCommand runs as the login user: it must reach the CLI socket
        await using var bras = await BrasSimulator.StartAsync(new BrasSimulatorOptions
        {
            SeedFile = seed,
            WriteCommunity = WriteCommunity,
            CliSocketPath = Path.Combine(state, "cli.sock"),
            Ssh = new SshFrontOptions { Port = 0, StateDirectory = Path.Combine(state, "sshd"), User = "bench-cli", Password = "bench-cli-Pw7t" },
            Coa = new CoaFaceOptions { Secret = CoaSecret },
        }, cancellationToken);
        try
        {
            var operations = Math.Max(iterations, 200);
            Report.Heading($"Scenario coa: one simulated Huawei BRAS, {Lines} lines, CoA udp {bras.CoaEndpoint}, SNMP udp {bras.SnmpEndpoint}, sshd 127.0.0.1:{bras.SshPort}");
            Report.Line($"operation = SetRate to 2 x base with read-back + SetRate back; {operations} operations per cell (or {budget.TotalSeconds:0} s), 1 and {Lines} in flight on distinct lines");
            Report.Line($"CLI: MaxSessions {CliSessions} (more in flight wait for a pooled session)");
            var lines = bras.State.Lines.Select(l => (Reference: new LineReference(l.BandId, l.Account), Base: (long)l.BaseDownKbps)).ToArray();
            var results = new List<CoaCell>();
            await using (var exchange = new CoaExchange(bras.CoaEndpoint, CoaSecret))
            {
                results.AddRange(await BothAsync("CoA exchange only (no read-back)", exchange.OperationAsync, lines, operations, cancellationToken));
            }

            results.AddRange(await DriverAsync("huawei-coa, read-back by SNMP", new HuaweiCoaDriverFactory().Create(CoaOverSnmp(bras)), lines, operations, cancellationToken));
            results.AddRange(await DriverAsync("huawei-coa, read-back by CLI", new HuaweiCoaDriverFactory().Create(CoaOverCli(bras)), lines, operations, cancellationToken));
            results.AddRange(await DriverAsync("huawei-cli-ssh", new HuaweiCliDriverFactory().Create(Cli(bras)), lines, operations, cancellationToken));
            await using (var snmp = new ZteSnmpDriverFactory())
            {
                results.AddRange(await DriverAsync("zte-snmp (v2c)", snmp.Create(Snmp(bras)), lines, operations, cancellationToken));
            }

            Print(results);
            var stillUp = bras.State.Lines.Count(l => !l.AtBaseRates);
            Report.KeyValue("lines not at base rates", stillUp.ToString(CultureInfo.InvariantCulture));
            Report.KeyValue("CoA requests dropped by the face", bras.Coa!.DroppedRequests.ToString(CultureInfo.InvariantCulture));
            return results.All(r => r.Errors == 0) && stillUp == 0;
        }
        finally
        {
            File.Delete(seed);
            Directory.Delete(state, recursive: true);
        }
    }

    private async Task<CoaCell[]> DriverAsync(string name, ISubscriberLineDriver driver, (LineReference Reference, long Base)[] lines, int operations, CancellationToken cancellationToken)
    {
        try
        {
            async Task Operation((LineReference Reference, long Base) line, CancellationToken ct)
            {
                await driver.SetRateAsync(line.Reference, Direction.Down, line.Base * 2, ct);
                await driver.SetRateAsync(line.Reference, Direction.Down, line.Base, ct);
            }

            return await BothAsync(name, Operation, lines, operations, cancellationToken);
        }
        finally
        {
            if (driver is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    private async Task<CoaCell[]> BothAsync(
        string name, Func<(LineReference Reference, long Base), CancellationToken, Task> operation, (LineReference Reference, long Base)[] lines, int operations, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 5; i++)
        {
            await operation(lines[i], cancellationToken); // warm-up: connections, JIT
        }

        return [await CellAsync(name, 1, operation, lines, operations, cancellationToken), await CellAsync(name, Lines, operation, lines, operations, cancellationToken)];
    }

    private async Task<CoaCell> CellAsync(
        string name, int inFlight, Func<(LineReference Reference, long Base), CancellationToken, Task> operation, (LineReference Reference, long Base)[] lines, int operations, CancellationToken cancellationToken)
    {
        using var cap = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cap.CancelAfter(budget);
        var latencies = new List<double>[inFlight];
        var errors = 0;
        string? firstError = null;
        var next = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = [];
            int number;
            while (!cap.IsCancellationRequested && (number = Interlocked.Increment(ref next)) <= operations)
            {
                // In flight at once: one line each. One at a time: the lines in turn.
                var line = inFlight == 1 ? lines[number % lines.Length] : lines[worker];
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await operation(line, cancellationToken);
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (Exception e) when (e is DriverException or RadiusException or InvalidOperationException)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, e.Message, null);
                }
            }
        }, cancellationToken)));
        watch.Stop();
        var all = latencies.SelectMany(l => l).ToList();
        return new CoaCell(name, inFlight, LatencyStats.From(name, all), all.Count / watch.Elapsed.TotalSeconds, errors, firstError, cap.IsCancellationRequested);
    }

    private static void Print(IReadOnlyList<CoaCell> cells)
    {
        Report.Line("");
        Report.Line($"  {"way",-36} {"in flight",9} {"ops/s",9} {"p50 ms",8} {"p99 ms",8} {"max ms",8} {"ops",6} {"errors",6}");
        foreach (var c in cells)
        {
            Report.Line($"  {c.Name,-36} {c.InFlight,9} {c.OperationsPerSecond,9:0} {Report.Ms(c.Stats.P50),8} {Report.Ms(c.Stats.P99),8} {Report.Ms(c.Stats.Max),8} {c.Stats.Count,6} {c.Errors,6}{(c.Capped ? "  (time cap)" : "")}");
            if (c.FirstError is not null)
            {
                Report.Line($"    first error: {c.FirstError}");
            }
        }
    }

    private static DeviceOptions CoaOverSnmp(BrasSimulator bras)
    {
        var channel = new DeviceOptions
        {
            Name = "bench-coa-snmp", Host = "127.0.0.1", Port = bras.SnmpEndpoint.Port, Secret = WriteCommunity, OperationTimeout = TimeSpan.FromSeconds(30),
        };
        channel.Coa.ReadDriver = "zte-snmp";
        channel.Coa.Port = bras.CoaEndpoint.Port;
        channel.Coa.Secret = CoaSecret;
        return channel;
    }

    private static DeviceOptions CoaOverCli(BrasSimulator bras)
    {
        var channel = Cli(bras);
        channel.Name = "bench-coa-cli";
        channel.Coa.ReadDriver = "huawei-cli-ssh";
        channel.Coa.Port = bras.CoaEndpoint.Port;
        channel.Coa.Secret = CoaSecret;
        return channel;
    }

    private static DeviceOptions Cli(BrasSimulator bras) => new()
    {
        Name = "bench-cli", Host = "127.0.0.1", Port = bras.SshPort, Username = bras.SshUser, Secret = bras.SshPassword,
        HostKeySha256 = bras.SshHostKeySha256, OperationTimeout = TimeSpan.FromSeconds(30), MaxSessions = CliSessions,
    };

    private static DeviceOptions Snmp(BrasSimulator bras) => new()
    {
        Name = "bench-snmp", Host = "127.0.0.1", Port = bras.SnmpEndpoint.Port, Secret = WriteCommunity, OperationTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>A seed of <see cref="Lines"/> Zhejiang lines, each on its own address, base 50 Mbit/s down, room to 200.</summary>
    private static string WriteSeed()
    {
        var lines = Enumerable.Range(0, Lines).Select(i => new Dictionary<string, object>
        {
            ["bandId"] = FirstBandId + i,
            ["account"] = string.Create(CultureInfo.InvariantCulture, $"bench{i:D4}"),
            ["province"] = "Zhejiang",
            ["ipAddress"] = string.Create(CultureInfo.InvariantCulture, $"202.101.173.{i + 1}"),
            ["portFirst"] = 0,
            ["portLast"] = 65535,
            ["baseUpKbps"] = 4000,
            ["baseDownKbps"] = 50000,
            ["maxUpKbps"] = 20000,
            ["maxDownKbps"] = 200000,
            ["speedUpPermitted"] = true,
        });
        var path = Path.Combine(Path.GetTempPath(), $"speedup-coa-bench-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { hostname = "BENCH-BRAS", lines }));
        return path;
    }

    private sealed record CoaCell(string Name, int InFlight, LatencyStats Stats, double OperationsPerSecond, int Errors, string? FirstError, bool Capped);

    /// <summary>The bare RADIUS exchange: one CoA-Request setting the rate, one CoA-ACK; an operation sends two (to 2 x base and back).</summary>
    private sealed class CoaExchange : IAsyncDisposable
    {
        private readonly System.Net.IPEndPoint _endpoint;

        private readonly RadiusDictionary _dictionary = RadiusDictionary.Load(
            HuaweiCoaDriverFactory.Definition.Dictionaries.Select(f => Path.Combine(CoaFaceOptions.DefaultDictionaryDirectory, f)));

        private readonly RadiusClient _client;

        private readonly RadiusSharedSecret _secret;

        public CoaExchange(System.Net.IPEndPoint endpoint, string secret)
        {
            _endpoint = endpoint;
            _secret = new RadiusSharedSecret(secret);
            _client = new RadiusClient(new RadiusClientOptions { Timeout = TimeSpan.FromSeconds(3), Retries = 1 }, _dictionary);
        }

        public async Task OperationAsync((LineReference Reference, long Base) line, CancellationToken cancellationToken)
        {
            await SetAsync(line.Reference.Account, line.Base * 2, cancellationToken);
            await SetAsync(line.Reference.Account, line.Base, cancellationToken);
        }

        private async Task SetAsync(string account, long kbps, CancellationToken cancellationToken)
        {
            var attributes = new[]
            {
                _dictionary.Create("User-Name", account),
                _dictionary.Create("Huawei-Output-Average-Rate", (kbps * 1000).ToString(CultureInfo.InvariantCulture)),
            };
            var answer = await _client.SendAsync(_endpoint, _secret, RadiusCode.CoaRequest, attributes, cancellationToken);
            if (answer.Code != RadiusCode.CoaAck)
            {
                throw new InvalidOperationException($"CoA for {account}: {answer.Code} {answer.ErrorCause}");
            }
        }

        public ValueTask DisposeAsync() => _client.DisposeAsync();
    }
}
