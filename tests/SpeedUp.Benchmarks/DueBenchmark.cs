using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SpeedUp.Simulator;
using SpeedUp.Testing;
using SpeedUp.Testing.Postgres;

namespace SpeedUp.Benchmarks;

/// <summary>
/// Scenario "due" / "due-postgres" (issue 20, goal 4): N speed-up sessions fall due within a window, spread as an
/// evening peak (a triangle rising to its top at 70 % of the window); N = iterations × 1,000 (100,000 at the default),
/// the window N / 100,000 × 10 minutes, so every size runs at the goal's rate. A China Unicom SNMP BRAS of N generated
/// lines (one per session, each running at its session's target) replaces the seeded one; the sessions and their
/// channel holdings are written into the store as the service writes them (Active, one hour long) while the service
/// runs; then nothing is called: the service's own sweeps must put every line back. Restore lag = due time → the
/// session's end, recorded after the device confirmed the original rate. "due" runs one instance on SQLite,
/// "due-postgres" two instances on one PostgreSQL database.
/// </summary>
internal sealed class DueBenchmark(CarrierSimulators networks, BenchmarkOptions options, bool postgres)
{
    private const int FirstBandId = 460_000_001;
    private const int BaseDownKbps = 50_000;
    private const int TargetDownKbps = 100_000;
    private const string Channel = "cu-zte-snmp";
    private const double PeakAt = 0.7;

    private readonly int _sessions = Math.Clamp(options.Iterations, 1, 100) * 1_000;

    private TimeSpan Window => TimeSpan.FromMinutes(10) * _sessions / 100_000.0;

    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        Report.Heading($"Scenario {(postgres ? "due-postgres" : "due")}: {_sessions:N0} sessions falling due within {Window.TotalMinutes:0.#} min, "
            + (postgres ? "two instances on PostgreSQL" : "one instance on SQLite"));
        await using var bras = await StartBrasAsync(cancellationToken);
        await using var cluster = postgres ? await PostgresCluster.StartAsync(cancellationToken) : null;
        var connectionString = cluster is null ? null : await cluster.CreateDatabaseAsync("due", cancellationToken);
        var keyPath = Path.Combine(Path.GetTempPath(), $"speedup-due-{Guid.NewGuid():N}");
        var services = new List<ServiceProcess>();
        try
        {
            for (var i = 0; i < (postgres ? 2 : 1); i++)
            {
                var settings = new Dictionary<string, string>
                {
                    ["SpeedUp:Channels:1:Port"] = bras.SnmpEndpoint.Port.ToString(CultureInfo.InvariantCulture),
                };
                if (connectionString is not null)
                {
                    settings["SpeedUp:Storage:Provider"] = "Postgres";
                    settings["SpeedUp:Storage:ConnectionString"] = connectionString;
                    settings["SpeedUp:Cluster:InstanceId"] = i == 0 ? "due-a" : "due-b";
                }

                services.Add(await ServiceProcess.StartAsync(networks, connectionString is null ? keyPath + ".db" : keyPath, settings, services.FirstOrDefault(), cancellationToken));
            }

            var overrides = Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.StartsWith("SpeedUp__", StringComparison.Ordinal)).Order()
                .Select(k => $"{k}={Environment.GetEnvironmentVariable(k)}").ToArray();
            Report.KeyValue("service settings", overrides.Length == 0
                ? "defaults (SweepInterval, ClaimBatch, ReconcileInterval, ReconcileReadsPerSecond as shipped)"
                : "defaults but, from the environment: " + string.Join(", ", overrides));
            MachineInfo.PrintLoad("load average before");
            var store = connectionString is null ? (IDueStore)new SqliteDueStore(keyPath + ".db") : new PostgresDueStore(connectionString);
            var lead = TimeSpan.FromSeconds(10 + _sessions / 10_000);
            var first = DateTimeOffset.UtcNow + lead;
            var dues = DueTimes(first);
            var written = Stopwatch.StartNew();
            await store.WriteAsync(dues, cancellationToken);
            Report.KeyValue("sessions written (not a goal)", $"{_sessions:N0} in {written.Elapsed.TotalSeconds:0.0} s; the first falls due {(first - DateTimeOffset.UtcNow).TotalSeconds:0.0} s later");
            Report.KeyValue("arrival", $"a triangle over {Window.TotalSeconds:0} s, top at {PeakAt:P0}: mean {_sessions / Window.TotalSeconds:0} due/s, peak ≈ {2 * _sessions / Window.TotalSeconds:0} due/s");

            var cpuBefore = services.Select(s => s.ProcessorTime).ToArray();
            var deadline = first + Window + TimeSpan.FromMinutes(2);
            var open = await WaitAsync(store, services, first, deadline, cancellationToken);
            var waited = DateTimeOffset.UtcNow - first;
            var cpu = services.Select((s, i) => (s.ProcessorTime - cpuBefore[i]).TotalSeconds).ToArray();
            MachineInfo.PrintLoad("load average after");

            var ended = await store.ReadEndedAsync(cancellationToken);
            var lags = ended.Select(e => (e.EndedAt - e.DueAt).TotalMilliseconds).ToArray();
            var late = ended.Count(e => e.EndedAt < e.DueAt);
            Report.Table([LatencyStats.From("restore lag (due → device back)", lags)]);
            Report.KeyValue("ended / missed", $"{ended.Count:N0} / {open:N0} (still open {(deadline - first - Window).TotalSeconds:0} s after the window)");
            Report.KeyValue("ended before due (must be 0)", late.ToString(CultureInfo.InvariantCulture));
            Report.KeyValue("end reasons", string.Join(", ", ended.GroupBy(e => e.Reason).Select(g => $"{g.Key} {g.Count():N0}")));
            Report.KeyValue("restored by", string.Join(", ", ended.GroupBy(e => e.ClaimedBy ?? "(none)").Select(g => $"{g.Key} {g.Count():N0}")));
            Report.KeyValue("lag > 1 s", $"{lags.Count(l => l > 1_000):N0} ({lags.Count(l => l > 1_000) * 100.0 / Math.Max(1, lags.Length):0.00} %)");
            var p99 = LatencyStats.From("lag", lags).P99;
            Report.KeyValue("goal: p99 < 1 s, none missed", p99 < 1_000 && open == 0 ? "met" : $"NOT met (p99 {p99:0} ms, {open:N0} missed)");
            Report.KeyValue("service CPU, first due → all ended", string.Join(", ", cpu.Select(c => $"{c:0.0} s in {waited.TotalSeconds:0} s ({c / waited.TotalSeconds * 100:0} % of one core)")));
            Report.KeyValue("service RSS at end", string.Join("; ", services.Select(s => ProcessMemory.Describe(s.ProcessId))));
            var off = bras.State.Lines.Count(l => !l.AtBaseRates);
            Report.KeyValue("BRAS lines back at base", off == 0 ? $"OK: all {bras.State.Lines.Count:N0}" : $"FAILED: {off:N0} still sped up");
            return open == 0 && late == 0 && off == 0 && ended.All(e => e.Reason == "Expired");
        }
        finally
        {
            foreach (var service in services)
            {
                await service.DisposeAsync();
            }

            foreach (var file in new[] { keyPath + ".db", keyPath + ".db-wal", keyPath + ".db-shm", keyPath + ".db.master.key", keyPath + ".master.key" })
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>Due times: the inverse of a triangular distribution's CDF at evenly spaced quantiles (deterministic).</summary>
    private DateTimeOffset[] DueTimes(DateTimeOffset first)
    {
        var dues = new DateTimeOffset[_sessions];
        for (var i = 0; i < _sessions; i++)
        {
            var u = (i + 0.5) / _sessions;
            var x = u < PeakAt ? Math.Sqrt(u * PeakAt) : 1 - Math.Sqrt((1 - u) * (1 - PeakAt));
            dues[i] = first + Window * x;
        }

        return dues;
    }

    private async Task<BrasSimulator> StartBrasAsync(CancellationToken cancellationToken)
    {
        var json = new StringBuilder("{\"hostname\":\"CU-BRAS-DUE\",\"lines\":[");
        for (var i = 0; i < _sessions; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                $"{{\"bandId\":{FirstBandId + i},\"account\":\"due{i}\",\"province\":\"Beijing\",\"ipAddress\":\"{Address(i)}\","
                + $"\"portFirst\":0,\"portLast\":65535,\"baseUpKbps\":8000,\"baseDownKbps\":{BaseDownKbps},\"maxUpKbps\":20000,\"maxDownKbps\":300000,\"speedUpPermitted\":true}}");
        }

        var bras = await BrasSimulator.StartAsync(new BrasSimulatorOptions
        {
            Seed = SeedLoader.Parse(json.Append("]}").ToString()),
            CliSocketPath = Path.Combine(networks.StateDirectory, "due-cli.sock"),
            WriteCommunity = CarrierSimulators.UnicomWriteCommunity,
            CliDialect = CliDialects.Zte,
        }, cancellationToken);
        for (var i = 0; i < _sessions; i++)
        {
            bras.State.SetRate(new RateChange(FirstBandId + i, RateDirection.Down, TargetDownKbps), CommandFace.Snmp, "benchmark: sped up before the window");
        }

        Report.KeyValue("BRAS", $"{_sessions:N0} generated lines sped up to {TargetDownKbps / 1000} Mbit/s down, SNMP {bras.SnmpEndpoint}");
        return bras;
    }

    private async Task<long> WaitAsync(IDueStore store, List<ServiceProcess> services, DateTimeOffset first, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var nextReport = first;
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            var open = await store.CountOpenAsync(cancellationToken);
            var due = now < first ? 0 : DueTimes(first).Count(d => d <= now); // cheap enough once a second
            if (now >= nextReport || open == 0)
            {
                Report.Line($"    t={(now - first).TotalSeconds,6:0} s: due {due,7:N0}, still open {open,7:N0}, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}, RSS {string.Join(" / ", services.Select(s => $"{ProcessMemory.Status(s.ProcessId).Rss / 1024:0} MiB"))}");
                nextReport = now + TimeSpan.FromSeconds(30);
            }

            if (open == 0 || now > deadline)
            {
                return open;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    private sealed record Ended(DateTimeOffset DueAt, DateTimeOffset EndedAt, string Reason, string? ClaimedBy);

    /// <summary>The store the benchmark writes its sessions into and reads their ends from.</summary>
    private interface IDueStore
    {
        Task WriteAsync(DateTimeOffset[] dues, CancellationToken cancellationToken);

        Task<long> CountOpenAsync(CancellationToken cancellationToken);

        Task<List<Ended>> ReadEndedAsync(CancellationToken cancellationToken);
    }

    /// <summary>The address of generated line <paramref name="i"/> (the restore never locates it).</summary>
    private static string Address(int i) => $"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}";

    private static string Id(int i) => $"due{i:D8}{Guid.NewGuid():N}"[..32];

    private const string Columns = "id, band_id, account, ip_address, port, carrier, province, channel, direction, target_kbps, original_kbps, scene, started_at, due_at, state, end_reason, customer_id, uncertain_write";
    private static readonly string Ours = $"band_id BETWEEN {FirstBandId} AND {FirstBandId + 99_999}";

    private sealed class SqliteDueStore(string path) : IDueStore
    {
        private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 60 }.ToString();

        public async Task WriteAsync(DateTimeOffset[] dues, CancellationToken cancellationToken)
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var session = connection.CreateCommand();
            session.Transaction = transaction;
            session.CommandText = $"INSERT INTO sessions ({Columns}) VALUES ($id, $band, $account, $ip, 0, 'ChinaUnicom', 'Beijing', '{Channel}', 'Down', {TargetDownKbps}, {BaseDownKbps}, '', $started, $due, 'Active', 'None', 'demo', 0)";
            var (id, band, account, ip, started, due) = (session.Parameters.Add("$id", SqliteType.Text), session.Parameters.Add("$band", SqliteType.Integer),
                session.Parameters.Add("$account", SqliteType.Text), session.Parameters.Add("$ip", SqliteType.Text), session.Parameters.Add("$started", SqliteType.Integer), session.Parameters.Add("$due", SqliteType.Integer));
            await using var holding = connection.CreateCommand();
            holding.Transaction = transaction;
            holding.CommandText = $"INSERT INTO channel_holdings (session_id, channel, added_mbps, held_at) VALUES ($id, '{Channel}', {(TargetDownKbps - BaseDownKbps) / 1000}, $started)";
            var (holdingId, held) = (holding.Parameters.Add("$id", SqliteType.Text), holding.Parameters.Add("$started", SqliteType.Integer));
            for (var i = 0; i < dues.Length; i++)
            {
                (id.Value, band.Value, account.Value, ip.Value) = (Id(i), FirstBandId + i, $"due{i}", Address(i));
                (started.Value, due.Value) = ((dues[i] - TimeSpan.FromHours(1)).ToUnixTimeMilliseconds(), dues[i].ToUnixTimeMilliseconds());
                await session.ExecuteNonQueryAsync(cancellationToken);
                (holdingId.Value, held.Value) = (id.Value, started.Value);
                await holding.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        public async Task<long> CountOpenAsync(CancellationToken cancellationToken) =>
            (long)(await ScalarAsync($"SELECT count(*) FROM sessions WHERE {Ours} AND state <> 'Ended'", cancellationToken))!;

        public async Task<List<Ended>> ReadEndedAsync(CancellationToken cancellationToken)
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT due_at, ended_at, end_reason, claimed_by FROM sessions WHERE {Ours} AND state = 'Ended'";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var ended = new List<Ended>();
            while (await reader.ReadAsync(cancellationToken))
            {
                ended.Add(new Ended(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                    reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }

            return ended;
        }

        private async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync(cancellationToken);
        }
    }

    private sealed class PostgresDueStore(string connectionString) : IDueStore
    {
        public async Task WriteAsync(DateTimeOffset[] dues, CancellationToken cancellationToken)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var ids = new string[dues.Length];
            await using (var copy = await connection.BeginBinaryImportAsync($"COPY sessions ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                for (var i = 0; i < dues.Length; i++)
                {
                    ids[i] = Id(i);
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(ids[i], NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync((long)(FirstBandId + i), NpgsqlDbType.Bigint, cancellationToken);
                    await copy.WriteAsync($"due{i}", NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(System.Net.IPAddress.Parse(Address(i)), NpgsqlDbType.Inet, cancellationToken);
                    await copy.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
                    foreach (var text in new[] { "ChinaUnicom", "Beijing", Channel, "Down" })
                    {
                        await copy.WriteAsync(text, NpgsqlDbType.Text, cancellationToken);
                    }

                    await copy.WriteAsync((long)TargetDownKbps, NpgsqlDbType.Bigint, cancellationToken);
                    await copy.WriteAsync((long)BaseDownKbps, NpgsqlDbType.Bigint, cancellationToken);
                    await copy.WriteAsync("", NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync((dues[i] - TimeSpan.FromHours(1)).UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
                    await copy.WriteAsync(dues[i].UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
                    foreach (var text in new[] { "Active", "None", "demo" })
                    {
                        await copy.WriteAsync(text, NpgsqlDbType.Text, cancellationToken);
                    }

                    await copy.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                }

                await copy.CompleteAsync(cancellationToken);
            }

            await using (var copy = await connection.BeginBinaryImportAsync("COPY channel_holdings (session_id, channel, added_mbps, held_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                for (var i = 0; i < dues.Length; i++)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(ids[i], NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(Channel, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync((long)(TargetDownKbps - BaseDownKbps) / 1000, NpgsqlDbType.Bigint, cancellationToken);
                    await copy.WriteAsync((dues[i] - TimeSpan.FromHours(1)).UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
                }

                await copy.CompleteAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            await using var analyze = new NpgsqlCommand("ANALYZE sessions; ANALYZE channel_holdings;", connection);
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task<long> CountOpenAsync(CancellationToken cancellationToken)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM sessions WHERE {Ours} AND state <> 'Ended'", connection);
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        public async Task<List<Ended>> ReadEndedAsync(CancellationToken cancellationToken)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"SELECT due_at, ended_at, end_reason, claimed_by FROM sessions WHERE {Ours} AND state = 'Ended'", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var ended = new List<Ended>();
            while (await reader.ReadAsync(cancellationToken))
            {
                ended.Add(new Ended(reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }

            return ended;
        }
    }
}
