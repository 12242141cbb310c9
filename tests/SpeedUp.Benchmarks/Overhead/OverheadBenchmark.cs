using System.Diagnostics;
using System.Globalization;
using Broadband.SpeedUp.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SpeedUp.Signing;
using SpeedUp.Testing;
using SpeedUp.Testing.Postgres;

namespace SpeedUp.Benchmarks.Overhead;

/// <summary>
/// Scenario overhead (issue 20, goal 1): in one run, a bare Grpc.AspNetCore unary service hosted in this process on
/// 127.0.0.1 (<c>Overhead/bare_echo.proto</c>, QueryStatus's request/response shape, a canned answer) and the real
/// service as its own process (SQLite, or PostgreSQL with <c>overhead-postgres</c>) with one ACTIVE session, called with
/// the same client style (a default <see cref="GrpcChannel"/> per server, generated async client, same deadline):
/// sequential (warm-up, then N calls) and 64 in flight (up to 50,000 calls or 10 s). Then a signed call is replayed
/// after the service restarts on the same store: it must be refused (durable nonces).
/// The service's rate limits are raised for the benchmark key by <see cref="ServiceProcess"/> (1,000,000 permits/s).
/// </summary>
internal sealed class OverheadBenchmark(CarrierSimulators networks, bool postgres)
{
    /// <summary>
    /// Before anything is measured, each server takes <see cref="InFlight"/> calls at a time for a while, so tiered JIT
    /// compilation has compiled the hot paths in both processes. With only the 500 sequential warm-up calls, the JIT and
    /// the runtime took 47 % of the service's CPU samples during the sequential phase, and the bare server in this
    /// process was still being compiled too (perf, 2026-12-05). After 5 s the service's tiered-compilation thread was
    /// still busiest (46 % of its samples in the sequential phase): the runtime defers tier-1 while new methods keep
    /// being compiled, so the service gets 15 s; the bare server settles in 5 s.
    /// </summary>
    private static readonly TimeSpan BareSettleTime = TimeSpan.FromSeconds(5);

    /// <inheritdoc cref="BareSettleTime"/>
    private static readonly TimeSpan ServiceSettleTime = TimeSpan.FromSeconds(15);

    private const int SequentialWarmUp = 500;
    private const int SequentialCalls = 5_000;
    private const int InFlight = 64;
    private const int ConcurrentWarmUp = 2_000;
    private const int ConcurrentCalls = 50_000;
    private static readonly TimeSpan SequentialBudget = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ConcurrentBudget = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(30);

    /// <summary>Goal: signed sequential p50 at most this many times the bare call's.</summary>
    private const double MaxP50Ratio = 2.5;

    /// <summary>Goal: signed throughput at 64 in flight at least this share of the bare call's.</summary>
    private const double MinThroughputShare = 0.35;

    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        var store = postgres ? "PostgreSQL" : "SQLite (embedded default)";
        Report.Heading($"Scenario overhead: bare Grpc.AspNetCore unary call vs signed QueryStatus on {store}");
        await using var bare = await BareServer.StartAsync(cancellationToken);
        Report.KeyValue("bare service", $"{bare.Address} (in the benchmark process, Kestrel HTTP/2 cleartext)");

        PostgresCluster? cluster = null;
        string? connectionString = null;
        if (postgres)
        {
            cluster = await PostgresCluster.StartAsync(cancellationToken);
            connectionString = await cluster.CreateDatabaseAsync("overhead", cancellationToken);
            Report.KeyValue("PostgreSQL", $"127.0.0.1:{cluster.Port} (throwaway cluster, fsync off)");
        }

        var database = Path.Combine(Path.GetTempPath(), $"speedup-bench-{Guid.NewGuid():N}" + (postgres ? "" : ".db"));
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (connectionString is not null)
        {
            settings["SpeedUp:Storage:Provider"] = "Postgres";
            settings["SpeedUp:Storage:ConnectionString"] = connectionString;
            settings["SpeedUp:Cluster:InstanceId"] = "bench-a";
        }

        var service = await ServiceProcess.StartAsync(networks, database, settings, cancellationToken: cancellationToken);
        var ok = false;
        ServiceLine? line = null;
        try
        {
            Report.KeyValue("our service", $"{service.Address} (pid {service.ProcessId}, {(postgres ? "PostgreSQL" : "SQLite " + database)})");
            Report.KeyValue("rate limits of the benchmark key", "raised to 1,000,000 permits/s (ServiceProcess), as for every test");
            var lines = await LineDiscovery.FindAsync(service.Client, networks, cancellationToken);
            line = lines.FirstOrDefault() ?? throw new InvalidOperationException("No line with a DOWN offer.");
            await service.Client.OrderThirtyDayPackAsync(line.BandId, Direction.Down, line.TargetMbps, cancellationToken: cancellationToken);
            var started = await service.Client.StartSpeedUpAsync(new StartSpeedUpRequest
            {
                IpAddress = line.IpAddress, Port = line.Port, BandId = line.BandId, Direction = Direction.Down, TargetBandwidthMbps = line.TargetMbps,
            }, cancellationToken: cancellationToken);
            if (!started.Success)
            {
                throw new InvalidOperationException($"The session on {line} did not start: {started.Code} {started.Message}");
            }

            Report.KeyValue("session queried", $"{line}, ACTIVE");

            using var bareChannel = GrpcChannel.ForAddress(bare.Address);
            var bareClient = new BareEcho.BareEchoClient(bareChannel);
            var signedClient = service.Client;
            var bandId = line.BandId;
            Func<CancellationToken, Task<bool>> bareCall = async ct =>
                (await bareClient.QueryStatusAsync(new BareStatusRequest { BandId = bandId }, Options(ct))).Download is not null;
            Func<CancellationToken, Task<bool>> signedCall = async ct =>
                (await signedClient.QueryStatusAsync(new QueryStatusRequest { BandId = bandId }, Options(ct))).Download?.State == SessionState.Active;

            Report.Line("");
            Report.Line($"Settling: {InFlight} in flight for {BareSettleTime.TotalSeconds:0} s on the bare server, {ServiceSettleTime.TotalSeconds:0} s on ours, not counted (tiered JIT compiles the hot paths)");
            var settleFailures = (await RunInFlightAsync(bareCall, int.MaxValue, BareSettleTime, null, cancellationToken)).Failures
                + (await RunInFlightAsync(signedCall, int.MaxValue, ServiceSettleTime, null, cancellationToken)).Failures;
            Report.Line($"Sequential: {SequentialWarmUp} warm-up calls not counted, then {SequentialCalls} calls (cap {SequentialBudget.TotalSeconds:0} s)");
            var bareSeq = await SequentialAsync("bare", bareCall, null, cancellationToken);
            var signedSeq = await SequentialAsync("signed QueryStatus", signedCall, service, cancellationToken);
            PrintTable([bareSeq, signedSeq]);

            Report.Line("");
            Report.Line($"{InFlight} in flight (one channel per server): {ConcurrentWarmUp} warm-up calls, then {ConcurrentCalls} calls or {ConcurrentBudget.TotalSeconds:0} s, whichever first");
            var bareConc = await ConcurrentAsync("bare", bareCall, null, cancellationToken);
            var signedConc = await ConcurrentAsync("signed QueryStatus", signedCall, service, cancellationToken);
            PrintTable([bareConc, signedConc]);

            Report.Line("");
            var p50Ratio = signedSeq.P50 / bareSeq.P50;
            var share = signedConc.Rate / bareConc.Rate;
            Report.KeyValue("sequential p50, signed / bare", $"{p50Ratio.ToString("0.00", CultureInfo.InvariantCulture)}x (goal <= {MaxP50Ratio}x): {(p50Ratio <= MaxP50Ratio ? "MET" : "NOT MET")}");
            Report.KeyValue($"calls/s at {InFlight} in flight, signed / bare", $"{(share * 100).ToString("0.0", CultureInfo.InvariantCulture)} % (goal >= {MinThroughputShare * 100:0} %): {(share >= MinThroughputShare ? "MET" : "NOT MET")}");

            var failures = settleFailures + bareSeq.Failures + signedSeq.Failures + bareConc.Failures + signedConc.Failures;
            Report.KeyValue("failed calls", failures.ToString(CultureInfo.InvariantCulture));
            (service, var replayRefused) = await ReplayAcrossRestartAsync(service, database, settings, line, cancellationToken);
            ok = failures == 0 && replayRefused;
        }
        finally
        {
            if (line is not null)
            {
                await StopQuietlyAsync(service, line, cancellationToken);
            }

            await service.DisposeAsync();
            if (!postgres)
            {
                foreach (var suffix in new[] { "", "-wal", "-shm", ".master.key" })
                {
                    File.Delete(database + suffix);
                }
            }

            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }
        }

        Report.Line("");
        return BaseRateCheck.Print("after overhead, service stopped", networks) && ok;
    }

    private static CallOptions Options(CancellationToken cancellationToken) =>
        new(deadline: DateTime.UtcNow.Add(CallDeadline), cancellationToken: cancellationToken);

    private sealed record Phase(string Name, int Calls, int Failures, TimeSpan Elapsed, double P50, double P95, double P99, double ServiceCpuMsPerCall, double OwnCpuMsPerCall)
    {
        public double Rate => Calls / Elapsed.TotalSeconds;
    }

    private static async Task<Phase> SequentialAsync(
        string name, Func<CancellationToken, Task<bool>> call, ServiceProcess? service, CancellationToken cancellationToken)
    {
        var failures = 0;
        for (var i = 0; i < SequentialWarmUp; i++)
        {
            failures += await TryAsync(call, cancellationToken) ? 0 : 1;
        }

        var samples = new List<double>(SequentialCalls);
        var cpuBefore = service?.ProcessorTime ?? TimeSpan.Zero;
        var ownBefore = OwnProcessorTime();
        var watch = Stopwatch.StartNew();
        while (samples.Count < SequentialCalls && watch.Elapsed < SequentialBudget)
        {
            var started = Stopwatch.GetTimestamp();
            var success = await TryAsync(call, cancellationToken);
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            failures += success ? 0 : 1;
        }

        watch.Stop();
        return Summarize(name, samples, failures, watch.Elapsed, service, cpuBefore, ownBefore);
    }

    private static async Task<Phase> ConcurrentAsync(
        string name, Func<CancellationToken, Task<bool>> call, ServiceProcess? service, CancellationToken cancellationToken)
    {
        await RunInFlightAsync(call, ConcurrentWarmUp, TimeSpan.FromSeconds(10), null, cancellationToken);
        var samples = new double[ConcurrentCalls];
        var cpuBefore = service?.ProcessorTime ?? TimeSpan.Zero;
        var ownBefore = OwnProcessorTime();
        var watch = Stopwatch.StartNew();
        var (done, failures) = await RunInFlightAsync(call, ConcurrentCalls, ConcurrentBudget, samples, cancellationToken);
        watch.Stop();
        return Summarize(name, samples.Take(done).ToList(), failures, watch.Elapsed, service, cpuBefore, ownBefore);
    }

    /// <summary>Keeps <see cref="InFlight"/> calls going until <paramref name="count"/> were started or <paramref name="budget"/> passed.</summary>
    private static async Task<(int Done, int Failures)> RunInFlightAsync(
        Func<CancellationToken, Task<bool>> call, int count, TimeSpan budget, double[]? samples, CancellationToken cancellationToken)
    {
        var next = -1;
        var failures = 0;
        var done = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, InFlight).Select(_ => Task.Run(async () =>
        {
            int index;
            while (watch.Elapsed < budget && (index = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                var success = await TryAsync(call, cancellationToken);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (samples is not null)
                {
                    samples[Interlocked.Increment(ref done) - 1] = elapsed;
                }

                if (!success)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }, cancellationToken)));
        return (done, failures);
    }

    private static async Task<bool> TryAsync(Func<CancellationToken, Task<bool>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken);
        }
        catch (RpcException)
        {
            return false;
        }
    }

    private static Phase Summarize(
        string name, List<double> samples, int failures, TimeSpan elapsed, ServiceProcess? service, TimeSpan cpuBefore, TimeSpan ownBefore)
    {
        var stats = LatencyStats.From(name, samples);
        var calls = Math.Max(1, samples.Count);
        var cpu = service is null ? double.NaN : (service.ProcessorTime - cpuBefore).TotalMilliseconds / calls;
        var own = (OwnProcessorTime() - ownBefore).TotalMilliseconds / calls;
        return new Phase(name, samples.Count, failures, elapsed, stats.P50, stats.P95, stats.P99, cpu, own);
    }

    /// <summary>The benchmark process's CPU time: the clients, and the bare server, which runs in this process.</summary>
    private static TimeSpan OwnProcessorTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static void PrintTable(IReadOnlyList<Phase> phases)
    {
        Report.Line($"  {"call",-22} {"n",6} {"calls/s",9} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"svc CPU ms/call",16} {"bench CPU ms/call",18} {"failed",6}");
        foreach (var p in phases)
        {
            Report.Line(string.Create(CultureInfo.InvariantCulture,
                $"  {p.Name,-22} {p.Calls,6} {p.Rate,9:0} {Report.Ms(p.P50),8} {Report.Ms(p.P95),8} {Report.Ms(p.P99),8} {(double.IsNaN(p.ServiceCpuMsPerCall) ? "-" : p.ServiceCpuMsPerCall.ToString("0.000", CultureInfo.InvariantCulture)),16} {p.OwnCpuMsPerCall,18:0.000} {p.Failures,6}"));
        }
    }

    /// <summary>
    /// Signs one QueryStatus with a fixed nonce, calls it (accepted), restarts the service on the same store, sends the
    /// very same call again: it must be refused UNAUTHENTICATED.
    /// </summary>
    private async Task<(ServiceProcess Service, bool Refused)> ReplayAcrossRestartAsync(
        ServiceProcess service, string database, Dictionary<string, string> settings, ServiceLine line, CancellationToken cancellationToken)
    {
        var request = new QueryStatusRequest { BandId = line.BandId };
        var headers = SigningInterceptor.HeadersFor(service.CustomerKey, "/broadband.speedup.v1.SpeedUpService/QueryStatus", request, DateTimeOffset.UtcNow);
        var plain = new SpeedUpService.SpeedUpServiceClient(service.Channel);
        await plain.QueryStatusAsync(request, headers, cancellationToken: cancellationToken);
        await service.DisposeAsync();
        service = await ServiceProcess.StartAsync(networks, database, settings, cancellationToken: cancellationToken);
        plain = new SpeedUpService.SpeedUpServiceClient(service.Channel);
        var refused = false;
        try
        {
            await plain.QueryStatusAsync(request, headers, cancellationToken: cancellationToken);
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.Unauthenticated)
        {
            refused = true;
        }

        Report.KeyValue("replay after restart", refused ? "refused (UNAUTHENTICATED): nonces are durable" : "ACCEPTED: replay protection lost");
        return (service, refused);
    }

    private static async Task StopQuietlyAsync(ServiceProcess service, ServiceLine line, CancellationToken cancellationToken)
    {
        try
        {
            await service.Client.StopSpeedUpAsync(new StopSpeedUpRequest
            {
                IpAddress = line.IpAddress, Port = line.Port, BandId = line.BandId, Direction = Direction.Down,
            }, cancellationToken: cancellationToken);
        }
        catch (RpcException)
        {
            // The base-rate check that follows reports a line left sped up.
        }
    }

    /// <summary>The bare service: Kestrel on 127.0.0.1 (HTTP/2 only), gRPC, no logging, no interceptors.</summary>
    private sealed class BareServer(WebApplication app, Uri address) : IAsyncDisposable
    {
        public Uri Address { get; } = address;

        public static async Task<BareServer> StartAsync(CancellationToken cancellationToken)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
            builder.Services.AddGrpc();
            var app = builder.Build();
            app.MapGrpcService<BareEchoService>();
            await app.StartAsync(cancellationToken);
            var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new BareServer(app, new Uri(bound));
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Answers with a canned status of QueryStatus's shape (an ACTIVE downstream session).</summary>
    private sealed class BareEchoService : BareEcho.BareEchoBase
    {
        private static readonly Google.Protobuf.WellKnownTypes.Timestamp Started = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);

        public override Task<BareStatusResponse> QueryStatus(BareStatusRequest request, ServerCallContext context) =>
            Task.FromResult(new BareStatusResponse
            {
                RequestId = Guid.NewGuid().ToString("N"),
                Code = "OK",
                Message = "OK",
                BandId = request.BandId,
                Download = new BareDirectionStatus
                {
                    SessionId = "0123456789abcdef0123456789abcdef", Direction = 2, State = 2, TargetBandwidthMbps = 500, OriginalKbps = 100_000,
                    StartedAt = Started, ExpiresAt = Started, Scene = "default", MeteredMinutes = 0,
                },
            });
    }
}
