using System.Diagnostics;
using SpeedUp.Drivers.Huawei;
using SpeedUp.Drivers.Zte;
using SpeedUp.Drivers;
using SpeedUp.Simulator;
using SpeedUp.Testing;

namespace SpeedUp.Benchmarks;

/// <summary>
/// Scenario "drivers": each driver created through its factory as the product does, driven sequentially (one
/// instance = one session): the first operation (SSH: connect + login), N FindLine calls, then N operations
/// (ReadLine, SetRate to a target with the driver's read-back, SetRate back); finally the first operation of
/// new instances, once the code is JIT-compiled.
/// </summary>
internal sealed class DriverBenchmark(CarrierSimulators networks, int iterations, TimeSpan budget)
{
    private const int WarmUpOperations = 5;
    private const int Reconnects = 5;

    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        Report.Heading($"Scenario drivers: sequential, {iterations} FindLine calls and {iterations} operations per driver ({WarmUpOperations} warm-up operations not counted)");
        var telecom = networks.Telecom;
        var ssh = new DeviceOptions
        {
            Name = "bench-ct-ssh",
            Host = "127.0.0.1",
            Port = telecom.SshPort,
            Username = telecom.SshUser,
            Secret = telecom.SshPassword,
            HostKeySha256 = telecom.SshHostKeySha256,
            OperationTimeout = TimeSpan.FromSeconds(10),
        };
        await MeasureAsync("huawei-cli-ssh (SSH CLI via sshd)", () => new HuaweiCliDriverFactory().Create(ssh), telecom, cancellationToken);

        await using (var factory = new ZteSnmpDriverFactory())
        {
            var snmp = new DeviceOptions
            {
                Name = "bench-cu-snmp",
                Host = "127.0.0.1",
                Port = networks.Unicom.SnmpEndpoint.Port,
                Secret = "private",
                OperationTimeout = TimeSpan.FromSeconds(5),
            };
            await MeasureAsync("zte-snmp (SNMP v2c over UDP)", () => factory.Create(snmp), networks.Unicom, cancellationToken);
        }

        Report.Line("");
        return BaseRateCheck.Print("after drivers", networks);
    }

    private async Task MeasureAsync(string title, Func<ISubscriberLineDriver> create, BrasSimulator simulator, CancellationToken cancellationToken)
    {
        var line = simulator.State.Lines.First(l => l.SpeedUpPermitted && !l.IsCgnat && l.MaxDownKbps > l.BaseDownKbps);
        var target = Math.Min(line.BaseDownKbps * 2L, line.MaxDownKbps);
        var reference = new LineReference(line.BandId, line.Account);
        Report.Line("");
        Report.Line($"{title}: line {line.BandId} {line.Account}, down {line.BaseDownKbps} -> {target} -> {line.BaseDownKbps} kbit/s");

        var recorder = new LatencyRecorder();
        var driver = create();
        try
        {
            var firstMs = await FirstOperationAsync(driver, line, cancellationToken);
            for (var i = 0; i < WarmUpOperations; i++)
            {
                await OperationAsync(new LatencyRecorder(), driver, reference, target, line.BaseDownKbps, cancellationToken);
            }

            using var timeCap = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeCap.CancelAfter(budget);
            var (finds, findTime) = await FindLinesAsync(recorder, driver, simulator, line, timeCap.Token, cancellationToken);
            var operations = 0;
            var operationWatch = Stopwatch.StartNew();
            for (; operations < iterations && !timeCap.IsCancellationRequested; operations++)
            {
                var started = Stopwatch.GetTimestamp();
                await OperationAsync(recorder, driver, reference, target, line.BaseDownKbps, cancellationToken);
                recorder.Add("operation (read+set+set back)", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            operationWatch.Stop();
            Report.KeyValue("first operation (FindLine, cold)", $"{Report.Ms(firstMs)} ms (first use in this process: includes JIT)");
            Report.KeyValue("FindLine calls/s", $"{Report.Rate(finds, findTime)} ({finds} in {findTime.TotalSeconds:0.00} s)");
            Report.KeyValue("operations/s", $"{Report.Rate(operations, operationWatch.Elapsed)} ({operations} in {operationWatch.Elapsed.TotalSeconds:0.00} s)");
            if (timeCap.IsCancellationRequested)
            {
                Report.Line($"  (stopped by the {budget.TotalSeconds:0} s time cap)");
            }
        }
        finally
        {
            await DisposeAsync(driver);
        }

        var reconnects = new List<double>();
        for (var i = 0; i < Reconnects; i++)
        {
            var again = create();
            try
            {
                reconnects.Add(await FirstOperationAsync(again, line, cancellationToken));
            }
            finally
            {
                await DisposeAsync(again);
            }
        }

        var warm = LatencyStats.From("reconnect", reconnects);
        Report.KeyValue($"first operation, new instance (x{Reconnects})", $"median {Report.Ms(warm.P50)} ms, max {Report.Ms(warm.Max)} ms (JIT warm)");
        Report.Table(recorder.Summaries());
    }

    private static async Task<double> FirstOperationAsync(ISubscriberLineDriver driver, SubscriberLineState line, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var found = await driver.FindLineAsync(line.IpAddress, 0, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return found?.BandId == line.BandId
            ? elapsed
            : throw new InvalidOperationException($"{driver.ChannelName}: FindLine({line.IpAddress}) returned band {found?.BandId}, expected {line.BandId}.");
    }

    /// <summary>Alternates a line with its own address and a CGNAT line sharing its address with others.</summary>
    private async Task<(int Count, TimeSpan Elapsed)> FindLinesAsync(
        LatencyRecorder recorder, ISubscriberLineDriver driver, BrasSimulator simulator, SubscriberLineState own, CancellationToken timeCap, CancellationToken cancellationToken)
    {
        var cgnat = simulator.State.Lines.Last(l => l.IsCgnat);
        var sharing = simulator.State.FindByIp(cgnat.IpAddress).Count;
        var count = 0;
        var watch = Stopwatch.StartNew();
        for (; count < iterations && !timeCap.IsCancellationRequested; count++)
        {
            var (name, wanted, port) = count % 2 == 0
                ? ("FindLine (own address)", own, 0)
                : ($"FindLine (CGNAT, {sharing} share)", cgnat, cgnat.PortFirst);
            var hit = await recorder.TimeAsync(name, () => driver.FindLineAsync(wanted.IpAddress, port, cancellationToken));
            if (hit?.BandId != wanted.BandId)
            {
                throw new InvalidOperationException($"{driver.ChannelName}: FindLine({wanted.IpAddress}:{port}) returned {hit?.BandId}, expected {wanted.BandId}.");
            }
        }

        return (count, watch.Elapsed);
    }

    private static async Task OperationAsync(LatencyRecorder recorder, ISubscriberLineDriver driver, LineReference line, long target, long baseKbps, CancellationToken cancellationToken)
    {
        var read = await recorder.TimeAsync("ReadLine", () => driver.ReadLineAsync(line, cancellationToken));
        if (read.Current.DownKbps != baseKbps)
        {
            throw new InvalidOperationException($"Band {line.BandId} reads {read.Current.DownKbps} kbit/s down, expected its base {baseKbps}.");
        }

        await recorder.TimeAsync("SetRate (with read-back)", () => driver.SetRateAsync(line, Direction.Down, target, cancellationToken));
        await recorder.TimeAsync("SetRate (with read-back)", () => driver.SetRateAsync(line, Direction.Down, baseKbps, cancellationToken));
    }

    private static async ValueTask DisposeAsync(ISubscriberLineDriver driver)
    {
        if (driver is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }
}
