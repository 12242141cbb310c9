using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Broadband.SpeedUp.V1;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using SpeedUp.Scheduler;
using Carrier = SpeedUp.Drivers.Carrier;
using DriverOperation = SpeedUp.Drivers.DriverOperation;
using DriverOperationKind = SpeedUp.Drivers.DriverOperationKind;
using DryRunPlan = SpeedUp.Drivers.DryRunPlan;
using IDriverDryRun = SpeedUp.Drivers.IDriverDryRun;
using SpeedUp.Host.Tests.Grpc.Fuzz;
using SpeedUp.Simulator;
using SpeedUp.Host.Tests.Support;
using SpeedUp.Testing;

namespace SpeedUp.Host.Tests.Grpc;

/// <summary>
/// Injection proof: at least 10,000 generated hostile requests (<see cref="HostileRequestGenerator"/>) over every public RPC,
/// through gRPC, to the service hosted in process (its clock a fake one) against the simulated networks. Then:
/// <list type="number">
/// <item>no crash: every answer is a product answer (never INTERNAL / UNKNOWN / isp.SYSTEM_ERROR), the service logs no
/// unexpected failure and still answers a valid pre-check at the end;</item>
/// <item>every request with a malformed field is refused with INVALID_ARGUMENT / isv.INVALID_PARAMETERS, and every
/// well-formed hostile one gets exactly the answer its contract gives (see <see cref="Expectation"/>);</item>
/// <item>no command reached any device while they ran (the simulators' audit logs gained no entry, no line changed), and
/// when hostile but valid free text (scenes) rides on real speed-ups, the devices receive only the expected rate commands,
/// byte for byte.</item>
/// </list>
/// The sequence is reproducible: <c>SPEEDUP_FUZZ_SEED</c> picks the seed (printed in every failure),
/// <c>SPEEDUP_FUZZ_REQUESTS</c> the number of requests.
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class InjectionFuzzTests(SimulatedNetworks networks, ITestOutputHelper log) : IAsyncLifetime
{
    private const int DefaultSeed = 20_260_523;
    private const int DefaultRequests = 10_500;
    private const int InFlight = 8;
    private const int ChunkSize = 500;
    private const int SceneCyclesPerLine = 5;
    private const int MaxReported = 25;
    private const int MaxProblems = 1000;
    private const int MaxThrottledAttempts = 100;
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(30);

    /// <summary>What an empty export is: the BOM and the header row.</summary>
    private static readonly byte[] EmptyExport = Encoding.UTF8.GetBytes(
        "\uFEFFdate,broadband_account,direction,target_bandwidth_mbps,start_time,result,duration_minutes,failure_reason\r\n");

    /// <summary>Output lines a command smuggled through a log message would start with (a forged log line).</summary>
    private static readonly string[] ForgedLineStarts =
    [
        "undo ", "reset saved-configuration", "system-view", "return", "reboot", "save", "quit", "aaa", "access-user",
        "configure terminal", "no subscriber", "subscriber ", "write", "display ",
    ];

    private static readonly Dictionary<FuzzRpc, string[]> FieldsOf = new()
    {
        [FuzzRpc.Precheck] = ["ip_address", "ip_address (not mainland China)", "port"],
        [FuzzRpc.OrderOffer] = ["band_id", "offer_id", "client_request_id"],
        [FuzzRpc.StartSpeedUp] = ["ip_address", "port", "band_id", "direction", "target_bandwidth_mbps", "scene", "duration_minutes", "client_request_id"],
        [FuzzRpc.StopSpeedUp] = ["ip_address", "port", "band_id", "direction"],
        [FuzzRpc.QueryStatus] = ["band_id"],
        [FuzzRpc.GetBusinessStatistics] = ["period", "from_date", "to_date", "date range"],
        [FuzzRpc.ExportDetails] = ["period", "from_date", "to_date", "date range"],
    };

    private readonly string _database = Path.Combine(Path.GetTempPath(), $"speedup-fuzz-{Guid.NewGuid():N}.db");
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly ConcurrentDictionary<string, int> _kinds = new();
    private readonly HashSet<string> _reportedLines = [];
    private InProcessService _service = null!;
    private int _seed;
    private int _throttled;
    private int _clientRequestIds;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _service = await InProcessService.StartAsync(networks.Simulators, _database);

    public async ValueTask DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task AllRpcs_WithHostileRequests_AreRefusedAsInvalidAndReachNoDevice()
    {
        _seed = Setting("SPEEDUP_FUZZ_SEED", DefaultSeed);
        var count = Setting("SPEEDUP_FUZZ_REQUESTS", DefaultRequests);
        var client = _service.Client;
        var watch = Stopwatch.StartNew();

        // 0. Bait: two real lines, pre-checked and paid for, so that a malformed request aimed at them that the service
        //    failed to refuse would order or speed up for real (and reach the device) rather than stop at a missing pre-check.
        BaitLine[] bait = [new("202.101.172.100", 2500, 330100004), new("58.240.57.100", 2500, 432000003)];
        foreach (var line in bait)
        {
            var checkedLine = await client.PrecheckAsync(new PrecheckRequest { IpAddress = line.IpAddress, Port = line.Port }, cancellationToken: Ct);
            Assert.Equal(line.BandId, checkedLine.BandId);
            await client.OrderThirtyDayPackAsync(line.BandId, Direction.Up, 20, cancellationToken: Ct);
            await client.OrderThirtyDayPackAsync(line.BandId, Direction.Down, 200, cancellationToken: Ct);
        }

        var generator = new HostileRequestGenerator(_seed, bait);
        var telecomAudit = networks.Telecom.State.AuditLog.Count;
        var unicomAudit = networks.Unicom.State.AuditLog.Count;
        var telecomReceived = networks.Telecom.Received.LastSequence;
        var unicomReceived = networks.Unicom.Received.LastSequence;
        var telecomLines = networks.Telecom.State.Lines;
        var unicomLines = networks.Unicom.State.Lines;
        var malformedFields = FieldsOf.Keys.ToDictionary(rpc => rpc, _ => new HashSet<string>());
        var tally = FieldsOf.Keys.ToDictionary(rpc => rpc, _ => new int[2]);

        // 1. The fuzz: chunks of requests, InFlight at a time; the service's output is inspected after each chunk.
        var fuzzWatch = Stopwatch.StartNew();
        var seenLines = _service.OutputLines;
        var sent = 0;
        for (var first = 0; first < count && _problems.Count < MaxProblems; first += ChunkSize)
        {
            var chunk = Enumerable.Range(first, Math.Min(ChunkSize, count - first)).Select(generator.Next).ToList();
            foreach (var c in chunk)
            {
                malformedFields[c.Rpc].UnionWith(c.MalformedFields);
                tally[c.Rpc][c.IsMalformed ? 0 : 1]++;
            }

            await Parallel.ForEachAsync(chunk, new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = Ct },
                async (c, ct) =>
                {
                    var outcome = await CallAsync(client, c, ct);
                    if (Judge(c, outcome) is { } problem)
                    {
                        Report($"{c}\n    → {problem}");
                        _kinds.AddOrUpdate($"{c.Rpc} [{string.Join(", ", c.MalformedFields)}] expecting {c.Expected}, got {outcome.Status} {outcome.ProductCode}", 1, (_, n) => n + 1);
                    }
                });
            sent += chunk.Count;
            seenLines = InspectOutput(seenLines);
        }

        var fuzzTime = fuzzWatch.Elapsed;

        // 2. Not one command reached a device during the fuzz: the allow-list of the fuzz is empty, and no line changed.
        NoNewCommands("Telecom", networks.Telecom, telecomAudit);
        NoNewCommands("Unicom", networks.Unicom, unicomAudit);
        NothingUndeclaredReceived("Telecom", networks.Telecom, telecomReceived, Carrier.ChinaTelecom);
        NothingUndeclaredReceived("Unicom", networks.Unicom, unicomReceived, Carrier.ChinaUnicom);
        if (!networks.Telecom.State.Lines.SequenceEqual(telecomLines) || !networks.Unicom.State.Lines.SequenceEqual(unicomLines))
        {
            Report("A subscriber line's rates changed on a device during the fuzz.");
        }

        foreach (var line in bait)
        {
            var status = await client.QueryStatusAsync(new QueryStatusRequest { BandId = line.BandId }, cancellationToken: Ct);
            foreach (var session in new[] { status.Upload, status.Download }.OfType<DirectionStatus>())
            {
                Report($"seed {_seed}: the bait line {line.BandId} got a speed-up during the fuzz: {session}");
                await StopQuietlyAsync(new StopSpeedUpRequest { IpAddress = line.IpAddress, Port = line.Port, BandId = line.BandId, Direction = session.Direction });
            }
        }

        // 3. Every RPC and every field of it got malformed values, and the well-formed share was exercised.
        foreach (var (rpc, fields) in FieldsOf)
        {
            foreach (var field in fields.Where(f => !malformedFields[rpc].Contains(f)))
            {
                Report($"Coverage: {rpc}.{field} was never sent malformed.");
            }

            if (rpc != FuzzRpc.Precheck && tally[rpc][1] == 0)
            {
                Report($"Coverage: {rpc} was never sent well-formed.");
            }
        }

        // 4. Hostile but valid free text on real speed-ups: stored and echoed as data, never sent to a device.
        var liveRequests = await ScenesRideRealSpeedUpsAsync(generator, "202.101.172.100", 3500, networks.Telecom,
            "access-user user-name zj0571a0005 car inbound cir 20000", "access-user user-name zj0571a0005 car inbound cir 4000");
        liveRequests += await ScenesRideRealSpeedUpsAsync(generator, "58.240.57.100", 3500, networks.Unicom,
            UnicomSet(432000004, 5, 20000), UnicomSet(432000004, 5, 4000));

        // 5. Still up, still right.
        var precheck = await client.PrecheckAsync(new PrecheckRequest { IpAddress = "202.101.172.35" }, cancellationToken: Ct);
        if (precheck.Code != "OK" || precheck.BandId != 330100001)
        {
            Report($"The closing valid pre-check answered {precheck}.");
        }

        InspectOutput(seenLines);
        var total = sent + (bait.Length * 5) + liveRequests + 1;
        log.WriteLine(
            $"seed {_seed}: {total} requests ({sent} fuzzed in {fuzzTime.TotalSeconds:F1} s, {bait.Length * 5} to set and check bait, {liveRequests} on real speed-ups), {watch.Elapsed.TotalSeconds:F1} s in all, {_throttled} rate-limited answers retried; " +
            string.Join(", ", tally.Select(t => $"{t.Key} {t.Value[0]} malformed + {t.Value[1]} well-formed")));
        if (!_problems.IsEmpty)
        {
            var tail = string.Join('\n', _service.Output.Split('\n').TakeLast(40));
            Assert.Fail(
                $"Injection fuzz, seed {_seed} (rerun: SPEEDUP_FUZZ_SEED={_seed}): {_problems.Count} problem(s), first {MaxReported}:\n" +
                string.Join('\n', _problems.OrderBy(Rank).Take(MaxReported)) +
                $"\n--- wrong answers by kind ---\n{string.Join('\n', _kinds.OrderByDescending(k => k.Value).Select(k => $"{k.Value,6} × {k.Key}"))}" +
                $"\n--- service output, last lines ---\n{tail}");
        }
    }

    /// <summary>
    /// Every line and SNMP request <paramref name="device"/> received since <paramref name="mark"/> — not only the state
    /// changes its audit shows — is one its channels' drivers declare for a probe or a session's opening and closing
    /// (<see cref="IDriverDryRun"/>): during the fuzz no lookup, no <c>display …</c>, no <c>system-view</c>, no stray line.
    /// </summary>
    private void NothingUndeclaredReceived(string name, BrasSimulator device, long mark, Carrier carrier)
    {
        var declared = _service.Services.GetRequiredService<SupplyChannelRegistry>().Channels
            .Where(c => c.Options.Carrier == carrier)
            .Select(c => c.DryRun(new DriverOperation(DriverOperationKind.Probe)))
            .OfType<DryRunPlan>()
            .SelectMany(plan => plan.Steps.Concat(plan.Session))
            .Select(step => step.Send)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var input in device.Received.Since(mark).Where(r => !declared.Contains(r.Text)))
        {
            Report($"seed {_seed}: {name} received {Escape(input.Text)} ({input.Face}, {input.Origin}) during the fuzz; only its drivers' probe and session lines may arrive.");
        }
    }

    /// <summary>
    /// On a real line: pre-check, a 30-day pack, then start/stop cycles whose scene is hostile but valid free text (and a
    /// client request id at the edge of its alphabet). Each start succeeds and echoes the scene exactly; the device gets
    /// exactly apply, restore, apply, restore… as <paramref name="apply"/> / <paramref name="restore"/>, nothing else.
    /// </summary>
    private async Task<int> ScenesRideRealSpeedUpsAsync(
        HostileRequestGenerator generator, string ip, int port, BrasSimulator device, string apply, string restore)
    {
        var client = _service.Client;
        var auditBefore = device.State.AuditLog.Count;
        var precheck = await client.PrecheckAsync(new PrecheckRequest { IpAddress = ip, Port = port }, cancellationToken: Ct);
        await client.OrderOfferAsync(new OrderOfferRequest
        {
            BandId = precheck.BandId, OfferId = Ordering.OfferId(Direction.Up, 20, ProductType.ThirtyDayPack),
            ClientRequestId = UniqueClientRequestId(generator),
        }, cancellationToken: Ct);
        var requests = 2;
        var scenes = new List<string>();
        for (var i = 0; i < SceneCyclesPerLine; i++)
        {
            var scene = generator.HostileValidScene();
            scenes.Add(scene);
            var start = new StartSpeedUpRequest
            {
                IpAddress = ip, Port = port, BandId = precheck.BandId, Direction = Direction.Up, TargetBandwidthMbps = 20, Scene = scene,
                DurationMinutes = generator.Values.Between(1, RequestContract.MaxDurationMinutes), ClientRequestId = UniqueClientRequestId(generator),
            };
            var started = await client.StartSpeedUpAsync(start, cancellationToken: Ct);
            QueryStatusResponse status;
            try
            {
                status = await client.QueryStatusAsync(new QueryStatusRequest { BandId = precheck.BandId }, cancellationToken: Ct);
            }
            finally
            {
                await client.StopSpeedUpAsync(new StopSpeedUpRequest { IpAddress = ip, Port = port, BandId = precheck.BandId, Direction = Direction.Up }, cancellationToken: Ct);
            }

            requests += 3;
            if (!started.Success || started.Status.Scene != scene || status.Upload?.Scene != scene)
            {
                Report($"seed {_seed}: the scene {Escape(scene)} came back as {Escape(started.Status.Scene)} / {Escape(status.Upload?.Scene ?? "(none)")}.");
            }
        }

        var entries = device.State.AuditLog.Skip(auditBefore).ToList();
        var expected = Enumerable.Range(0, SceneCyclesPerLine).SelectMany(_ => new[] { apply, restore }).ToList();
        if (!entries.Select(e => e.Command).SequenceEqual(expected) || entries.Any(e => e.Outcome != "applied"))
        {
            Report($"seed {_seed}: {device.State.Hostname} received, for the scene cycles on {ip}:{port}:\n      " +
                string.Join("\n      ", entries.Select(Describe)) + $"\n    expected {SceneCyclesPerLine} × [{apply}, {restore}].");
        }

        // Redundant with the exact match above, but stated: no payload fragment and no scene reached the device.
        var markers = HostileValues.CommandFragments.Concat(HostileValues.UnicodeFragments).Concat(scenes)
            .Where(m => m.Length > 0 && !apply.Contains(m, StringComparison.Ordinal) && !restore.Contains(m, StringComparison.Ordinal));
        foreach (var entry in entries)
        {
            if (markers.FirstOrDefault(m => entry.Command.Contains(m, StringComparison.Ordinal)) is { } marker)
            {
                Report($"seed {_seed}: the fuzz payload {Escape(marker)} reached {device.State.Hostname}: {Describe(entry)}");
            }
        }

        return requests;
    }

    /// <summary>How the Unicom simulator audits an SNMP SET of one rate column (5 = up, 6 = down) as the driver sends it (Gauge32).</summary>
    private static string UnicomSet(long bandId, int column, long kbps) =>
        $"SET {DeviceViews.UnicomMib}.{column}.{bandId} = SnmpGauge32 {{ IsException = False, Value = {kbps} }}";

    /// <summary>
    /// A random id of the whole alphabet, made unique by a counter: a short random id could repeat, and the same id for a
    /// different request is rightly refused.
    /// </summary>
    private string UniqueClientRequestId(HostileRequestGenerator generator)
    {
        var id = generator.Values.ClientRequestId();
        var suffix = string.Create(CultureInfo.InvariantCulture, $":{++_clientRequestIds}");
        return id[..Math.Min(id.Length, 64 - suffix.Length)] + suffix;
    }

    /// <summary>Ends a speed-up the fuzz should never have started, so the shared simulated line is back at its plan for the next tests.</summary>
    private async Task StopQuietlyAsync(StopSpeedUpRequest stop)
    {
        try
        {
            await _service.Client.StopSpeedUpAsync(stop, cancellationToken: Ct);
        }
        catch (RpcException e)
        {
            Report($"Could not stop it: {e.Status}");
        }
    }

    /// <summary>
    /// One call. An answer of the rate limiter (RESOURCE_EXHAUSTED / isv.BUSINESS_LIMIT_CONTROL: the request was not
    /// processed at all) is waited out and the same request sent again; any other answer is the outcome.
    /// </summary>
    private async Task<CallOutcome> CallAsync(SpeedUpService.SpeedUpServiceClient client, FuzzCase c, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await CallOnceAsync(client, c, ct);
            if (outcome.Status != StatusCode.ResourceExhausted || outcome.ProductCode != "isv.BUSINESS_LIMIT_CONTROL" || attempt == MaxThrottledAttempts)
            {
                return outcome;
            }

            Interlocked.Increment(ref _throttled);
            _service.Time.Advance(TimeSpan.FromMilliseconds(Math.Min(1000, 20 * attempt))); // the buckets refill on the service's clock
        }
    }

    private static async Task<CallOutcome> CallOnceAsync(SpeedUpService.SpeedUpServiceClient client, FuzzCase c, CancellationToken ct)
    {
        var options = new CallOptions(deadline: DateTime.UtcNow.Add(CallDeadline), cancellationToken: ct);
        try
        {
            IMessage response = c.Request switch
            {
                PrecheckRequest r => await client.PrecheckAsync(r, options),
                OrderOfferRequest r => await client.OrderOfferAsync(r, options),
                StartSpeedUpRequest r => await client.StartSpeedUpAsync(r, options),
                StopSpeedUpRequest r => await client.StopSpeedUpAsync(r, options),
                QueryStatusRequest r => await client.QueryStatusAsync(r, options),
                BusinessStatisticsRequest r => await client.GetBusinessStatisticsAsync(r, options),
                ExportDetailsRequest r => await ExportAsync(client, r, options),
                _ => throw new InvalidOperationException($"No call for {c.Request.GetType().Name}."),
            };
            return new CallOutcome(StatusCode.OK, null, null, null, null, response);
        }
        catch (RpcException e)
        {
            return new CallOutcome(e.StatusCode, e.Trailers.GetValue("x-product-code"), e.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason,
                e.Status.Detail, e.Trailers.GetValue("x-request-id"), null);
        }
    }

    /// <summary>The whole export, its chunks concatenated (as one <see cref="ExportChunk"/>).</summary>
    private static async Task<ExportChunk> ExportAsync(SpeedUpService.SpeedUpServiceClient client, ExportDetailsRequest request, CallOptions options)
    {
        using var call = client.ExportDetails(request, options);
        using var data = new MemoryStream();
        while (await call.ResponseStream.MoveNext(options.CancellationToken))
        {
            call.ResponseStream.Current.Data.WriteTo(data);
        }

        return new ExportChunk { Data = ByteString.CopyFrom(data.ToArray()) };
    }

    /// <summary>Null when the answer is right for the case; else what is wrong.</summary>
    private static string? Judge(FuzzCase c, CallOutcome o)
    {
        if (o.Status is StatusCode.Internal or StatusCode.Unknown or StatusCode.DataLoss or StatusCode.Unimplemented
            or StatusCode.DeadlineExceeded or StatusCode.Cancelled or StatusCode.Unavailable || o.ProductCode == "isp.SYSTEM_ERROR")
        {
            return $"CRASH-CLASS ANSWER {o}";
        }

        if (o.Status != StatusCode.OK)
        {
            if (o.ProductCode is null || o.ErrorInfoReason != o.ProductCode || o.Detail?.StartsWith($"[{o.ProductCode}]", StringComparison.Ordinal) != true
                || string.IsNullOrEmpty(o.RequestId))
            {
                return $"the failure does not carry its product code three ways and a request id: {o}";
            }

            return o.Status == c.Expected.Status && o.ProductCode == c.Expected.ProductCode ? null : $"expected {c.Expected}, got {o}";
        }

        if (c.Expected.Status != StatusCode.OK)
        {
            return $"expected {c.Expected}, but it was ACCEPTED: {o}";
        }

        return (c.Request, o.Response) switch
        {
            (QueryStatusRequest q, QueryStatusResponse r) =>
                r.Code == "OK" && r.RequestId.Length > 0 && r.BandId == q.BandId && r.Upload is null && r.Download is null ? null : $"unexpected status {r}",
            (BusinessStatisticsRequest q, BusinessStatisticsResponse r) => CheckDays(q, r),
            (ExportDetailsRequest, ExportChunk r) =>
                r.Data.Span.SequenceEqual(EmptyExport) ? null : $"unexpected export {Escape(r.Data.ToStringUtf8())}",
            _ => $"unexpected response {o.Response}",
        };
    }

    /// <summary>One row per day, consecutive; a custom range exactly from..to; this month up to today, last month whole.</summary>
    private static string? CheckDays(BusinessStatisticsRequest q, BusinessStatisticsResponse r)
    {
        if (r.Code != "OK" || r.RequestId.Length == 0 || r.Days.Count is < 1 or > 31)
        {
            return $"unexpected statistics {r}";
        }

        var days = r.Days.Select(d => DateOnly.ParseExact(d.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        if (days.Zip(days.Skip(1)).Any(p => p.Second.DayNumber != p.First.DayNumber + 1) || r.Days.Any(d => d.Total != 0))
        {
            return $"days not consecutive, or not empty: {r}";
        }

        return q.Period == StatisticsPeriod.Custom && (r.Days[0].Date != q.FromDate || r.Days[^1].Date != q.ToDate)
            ? $"custom range {q.FromDate}..{q.ToDate} answered {r.Days[0].Date}..{r.Days[^1].Date}"
            : null;
    }

    private void NoNewCommands(string name, BrasSimulator device, int before)
    {
        foreach (var entry in device.State.AuditLog.Skip(before))
        {
            Report($"seed {_seed}: a command reached the {name} device during the fuzz: {Describe(entry)}");
        }
    }

    /// <summary>Scans the service's kept output for unexpected failures and forged lines; returns the line count seen.</summary>
    private long InspectOutput(long seenLines)
    {
        var total = _service.OutputLines;
        if (total - seenLines >= InProcessService.KeptOutputLines)
        {
            Report($"The service wrote {total - seenLines} lines between two inspections; only {InProcessService.KeptOutputLines} are kept (lower ChunkSize).");
        }

        foreach (var line in _service.Output.Split('\n'))
        {
            var bad = line.Contains("failed unexpectedly", StringComparison.Ordinal)
                || line.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase)
                || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal)
                || ForgedLineStarts.Any(s => line.StartsWith(s, StringComparison.Ordinal))
                || line.TrimEnd('\r').Any(ch => char.IsControl(ch) && ch != '\t');
            if (bad && _reportedLines.Add(line))
            {
                Report($"seed {_seed}: service output: {Escape(line)}");
            }
        }

        return total;
    }

    private void Report(string problem) => _problems.Enqueue(problem);

    /// <summary>Crashes, unexpected log lines and commands on a device are listed first, then malformed requests accepted, then wrong codes.</summary>
    private static int Rank(string problem) =>
        problem.Contains("CRASH", StringComparison.Ordinal) || problem.Contains("service output", StringComparison.Ordinal)
        || problem.Contains("reached", StringComparison.Ordinal) ? 0
        : problem.Contains("ACCEPTED", StringComparison.Ordinal) ? 1 : 2;

    private static string Describe(AuditEntry entry) => $"[{entry.Face}] {Escape(entry.Command)} → {entry.Outcome}";

    private static string Escape(string text)
    {
        var escaped = new StringBuilder();
        foreach (var c in text.Length > 300 ? text[..300] : text)
        {
            escaped.Append(c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:x4}");
        }

        return "\"" + escaped + (text.Length > 300 ? $"…\" ({text.Length} chars)" : "\"");
    }

    private static int Setting(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    /// <summary>How a call ended: OK with its response, or a failure with what it carried.</summary>
    private sealed record CallOutcome(StatusCode Status, string? ProductCode, string? ErrorInfoReason, string? Detail, string? RequestId, IMessage? Response)
    {
        public override string ToString() => Status == StatusCode.OK
            ? $"OK {Escape(Response?.ToString() ?? "")}"
            : $"{Status} {ProductCode ?? "(no x-product-code)"} {Escape(Detail ?? "")}";
    }
}
