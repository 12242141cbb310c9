using System.Diagnostics;
using Broadband.SpeedUp.V1;
using Npgsql;
using SpeedUp.Testing;
using SpeedUp.Testing.Postgres;

namespace SpeedUp.Benchmarks;

/// <summary>
/// Scenario "instances": the same concurrent cycles (Precheck → Start → QueryStatus → Stop on distinct lines) with
/// SQLite and one instance, PostgreSQL and one instance, PostgreSQL and two instances (each line's cycles alternate
/// between them); then the restore takeover: two instances on PostgreSQL, sessions fall due while the device answers
/// slowly, the instance holding restore claims is killed (SIGKILL), and the time until the survivor has restored every
/// line is measured against the claim lease. A throwaway PostgreSQL cluster (fsync off, like the tests) on this box.
/// </summary>
internal sealed class InstancesBenchmark(CarrierSimulators networks, BenchmarkOptions options, TimeSpan phaseBudget)
{
    private const int ClaimLeaseSeconds = 5;

    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        Report.Heading("Scenario instances: SQLite x1 vs PostgreSQL x1 vs PostgreSQL x2, then the restore takeover after kill -9");
        await using var postgres = await PostgresCluster.StartAsync(cancellationToken);
        Report.KeyValue("PostgreSQL", $"127.0.0.1:{postgres.Port} (throwaway cluster, fsync off)");
        var ok = await CyclesAsync("SQLite, 1 instance", null, 1, cancellationToken);
        ok &= await CyclesAsync("PostgreSQL, 1 instance", await postgres.CreateDatabaseAsync("bench1", cancellationToken), 1, cancellationToken);
        ok &= await CyclesAsync("PostgreSQL, 2 instances", await postgres.CreateDatabaseAsync("bench2", cancellationToken), 2, cancellationToken);
        ok &= await TakeoverAsync(await postgres.CreateDatabaseAsync("takeover", cancellationToken), cancellationToken);
        Report.Line("");
        return BaseRateCheck.Print("after instances, services stopped", networks) && ok;
    }

    private async Task<bool> CyclesAsync(string title, string? connectionString, int instances, CancellationToken cancellationToken)
    {
        Report.Line("");
        var keyPath = Path.Combine(Path.GetTempPath(), $"speedup-bench-{Guid.NewGuid():N}");
        var services = await StartAsync(keyPath, connectionString, instances, null, cancellationToken);
        try
        {
            var lines = await LineDiscovery.FindAsync(services[0].Client, networks, cancellationToken);
            foreach (var line in lines)
            {
                await services[0].Client.OrderThirtyDayPackAsync(line.BandId, Direction.Down, line.TargetMbps, cancellationToken: cancellationToken);
            }

            var count = options.Concurrency == 0 ? lines.Count : Math.Min(options.Concurrency, lines.Count);
            var chosen = lines.Take(count).ToArray();
            Report.Line($"{title}: {chosen.Length} distinct lines, {options.Iterations} cycles each (+3 warm-up cycles per line per instance)");
            var failures = new FailureLog();
            var warmUp = services.Select(s => new CycleRunner(s.Client, new LatencyRecorder(), failures)).ToArray();
            foreach (var runner in warmUp)
            {
                await Task.WhenAll(chosen.Select(async line =>
                {
                    for (var i = 0; i < 3; i++)
                    {
                        await runner.RunAsync(line, cancellationToken);
                    }
                }));
            }

            var recorder = new LatencyRecorder();
            var runners = services.Select(s => new CycleRunner(s.Client, recorder, failures)).ToArray();
            using var timeCap = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeCap.CancelAfter(phaseBudget);
            var cycles = 0;
            var processorBefore = services.Select(s => s.ProcessorTime).ToArray();
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(chosen.Select((line, l) => Task.Run(async () =>
            {
                for (var i = 0; i < options.Iterations && !timeCap.IsCancellationRequested; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    await runners[(l + i) % runners.Length].RunAsync(line, cancellationToken);
                    recorder.Add("cycle (4 calls)", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    Interlocked.Increment(ref cycles);
                }
            }, cancellationToken)));
            watch.Stop();
            var cpu = services.Select((s, i) => (s.ProcessorTime - processorBefore[i]).TotalSeconds / watch.Elapsed.TotalSeconds);
            Report.KeyValue("cycles/s", $"{Report.Rate(cycles, watch.Elapsed)} ({cycles} cycles in {watch.Elapsed.TotalSeconds:0.00} s{(timeCap.IsCancellationRequested ? ", time cap reached" : "")})");
            Report.KeyValue("service processes' CPU (cores)", string.Join(" + ", cpu.Select(c => c.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))));
            Report.Table(recorder.Summaries());
            failures.Print();
            return failures.Count == 0;
        }
        finally
        {
            foreach (var service in services)
            {
                await service.DisposeAsync();
            }
        }
    }

    private async Task<bool> TakeoverAsync(string connectionString, CancellationToken cancellationToken)
    {
        Report.Line("");
        Report.Line($"Takeover: 2 instances, 5 s sessions on the Telecom lines, claim lease {ClaimLeaseSeconds} s, sweep every 200 ms; the CLI answers after 1.5 s while a holds its claims");
        var keyPath = Path.Combine(Path.GetTempPath(), $"speedup-bench-{Guid.NewGuid():N}");
        var shortSessions = new Dictionary<string, string>
        {
            ["SpeedUp:Sessions:MaxDuration"] = "00:00:05",
            ["SpeedUp:Sessions:DefaultDuration"] = "00:00:05",
        };
        var services = await StartAsync(keyPath, connectionString, 2, shortSessions, cancellationToken);
        var (a, b) = (services[0], services[1]);
        try
        {
            var lines = (await LineDiscovery.FindAsync(a.Client, networks, cancellationToken)).Where(l => l.Carrier == "Telecom").ToArray();
            foreach (var line in lines)
            {
                await a.Client.OrderThirtyDayPackAsync(line.BandId, Direction.Down, line.TargetMbps, cancellationToken: cancellationToken);
                await a.Client.StartSpeedUpAsync(new StartSpeedUpRequest
                {
                    IpAddress = line.IpAddress, Port = line.Port, BandId = line.BandId, Direction = Direction.Down, TargetBandwidthMbps = line.TargetMbps,
                }, cancellationToken: cancellationToken);
            }

            networks.Telecom.Faults.CommandLatency = TimeSpan.FromSeconds(1.5);
            var held = 0L;
            var deadline = Stopwatch.StartNew();
            while ((held = await ScalarAsync(connectionString, "SELECT count(*) FROM sessions WHERE claimed_by = 'bench-a' AND claim_until > now()", cancellationToken)) == 0)
            {
                if (deadline.Elapsed > TimeSpan.FromSeconds(30))
                {
                    Report.KeyValue("takeover", "FAILED: instance a never claimed a session");
                    return false;
                }

                await Task.Delay(20, cancellationToken);
            }

            await a.KillAsync();
            var killed = Stopwatch.StartNew();
            networks.Telecom.Faults.CommandLatency = TimeSpan.Zero;
            while (await ScalarAsync(connectionString, "SELECT count(*) FROM sessions WHERE state <> 'Ended'", cancellationToken) > 0)
            {
                if (killed.Elapsed > TimeSpan.FromSeconds(60))
                {
                    Report.KeyValue("takeover", "FAILED: sessions still open 60 s after the kill");
                    return false;
                }

                await Task.Delay(20, cancellationToken);
            }

            var lag = await ScalarAsync(connectionString, "SELECT (extract(epoch FROM max(ended_at - due_at)) * 1000)::bigint FROM sessions", cancellationToken);
            Report.KeyValue("sessions / claimed by a at the kill", $"{lines.Length} / {held}");
            Report.KeyValue("kill -9 to every session ended", $"{killed.Elapsed.TotalSeconds:0.00} s (goal: within lease {ClaimLeaseSeconds} s + 2 s)");
            Report.KeyValue("worst restore lag (due -> ended)", $"{lag / 1000.0:0.00} s");
            return killed.Elapsed <= TimeSpan.FromSeconds(ClaimLeaseSeconds + 2);
        }
        finally
        {
            networks.Telecom.Faults.CommandLatency = TimeSpan.Zero;
            foreach (var service in services)
            {
                await service.DisposeAsync();
            }
        }
    }

    private async Task<List<ServiceProcess>> StartAsync(
        string keyPath, string? connectionString, int instances, Dictionary<string, string>? extra, CancellationToken cancellationToken)
    {
        var services = new List<ServiceProcess>();
        for (var i = 0; i < instances; i++)
        {
            var settings = new Dictionary<string, string>(extra ?? []);
            if (connectionString is not null)
            {
                settings["SpeedUp:Storage:Provider"] = "Postgres";
                settings["SpeedUp:Storage:ConnectionString"] = connectionString;
                settings["SpeedUp:Cluster:InstanceId"] = i == 0 ? "bench-a" : "bench-b";
                settings["SpeedUp:Cluster:ClaimLease"] = $"00:00:0{ClaimLeaseSeconds}";
                settings["SpeedUp:Sessions:SweepInterval"] = "00:00:00.200";
            }

            var database = connectionString is null ? keyPath + ".db" : keyPath;
            services.Add(await ServiceProcess.StartAsync(networks, database, settings, services.FirstOrDefault(), cancellationToken));
        }

        return services;
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken) is long value ? value : 0;
    }
}
