using System.Diagnostics;
using SpeedUp.Drivers;
using SpeedUp.Drivers.ChinaTelecom;
using SpeedUp.Drivers.ChinaUnicom;
using SpeedUp.Simulator;

namespace SpeedUp.Benchmarks;

/// <summary>
/// Scenario "drivers": each driver created through its factory as the product does, driven sequentially (one
/// instance = one session): the first operation (SSH: connect + login), then N FindLine calls, then N operations
/// (ReadLine, SetRate to a target with the driver's read-back, SetRate back).
/// </summary>
internal sealed class DriverBenchmark(SimulatedNetworks networks, int iterations, TimeSpan budget)
{
    private const int WarmUpOperations = 5;

    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        Report.Heading($"Scenario drivers: sequential, {iterations} iterations per primitive, {WarmUpOperations} warm-up operations not counted");
        var telecom = networks.Telecom;
        var huawei = new HuaweiCliDriverFactory().Create(new SupplyChannelOptions
        {
            Name = "bench-ct-ssh",
            Carrier = Carrier.ChinaTelecom,
            Driver = HuaweiCliDriverFactory.Name,
            Host = "127.0.0.1",
            Port = telecom.SshPort,
            Username = telecom.SshUser,
            Secret = telecom.SshPassword,
            HostKeySha256 = telecom.SshHostKeySha256,
            OperationTimeout = TimeSpan.FromSeconds(10),
        });
        try
        {
            await MeasureAsync("huawei-cli-ssh (SSH CLI via sshd)", huawei, telecom, cancellationToken);
        }
        finally
        {
            await ((HuaweiCliDriver)huawei).DisposeAsync();
        }

        await using (var factory = new ZteSnmpDriverFactory())
        {
            var zte = factory.Create(new SupplyChannelOptions
            {
                Name = "bench-cu-snmp",
                Carrier = Carrier.ChinaUnicom,
                Driver = ZteSnmpDriverFactory.Name,
                Host = "127.0.0.1",
                Port = networks.Unicom.SnmpEndpoint.Port,
                Secret = "private",
                OperationTimeout = TimeSpan.FromSeconds(5),
            });
            await MeasureAsync("zte-snmp (SNMP v2c over UDP)", zte, networks.Unicom, cancellationToken);
        }

        return BaseRateCheck.Print("after drivers", networks);
    }

    private async Task MeasureAsync(string title, ISubscriberLineDriver driver, BrasSimulator simulator, CancellationToken cancellationToken)
    {
        var line = simulator.State.Lines.First(l => l.SpeedUpPermitted && !l.IsCgnat && l.MaxDownKbps > l.BaseDownKbps);
        var target = Math.Min(line.BaseDownKbps * 2L, line.MaxDownKbps);
        var cgnat = simulator.State.Lines.Last(l => l.IsCgnat);
        var reference = new LineReference(line.BandId, line.Account);
        Report.Line("");
        Report.Line($"{title}: line {line.BandId} {line.Account}, down {line.BaseDownKbps} -> {target} -> {line.BaseDownKbps} kbit/s");

        var first = Stopwatch.GetTimestamp();
        var found = await driver.FindLineAsync(line.IpAddress, 0, cancellationToken)
            ?? throw new InvalidOperationException($"{title}: FindLine found no line behind {line.IpAddress}.");
        var firstMs = Stopwatch.GetElapsedTime(first).TotalMilliseconds;
        if (found.BandId != line.BandId)
        {
            throw new InvalidOperationException($"{title}: FindLine returned band {found.BandId}, expected {line.BandId}.");
        }

        for (var i = 0; i < WarmUpOperations; i++)
        {
            await OperationAsync(new LatencyRecorder(), driver, reference, target, line.BaseDownKbps, cancellationToken);
        }

        using var timeCap = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeCap.CancelAfter(budget);
        var recorder = new LatencyRecorder();
        var findCount = 0;
        var findWatch = Stopwatch.StartNew();
        for (; findCount < iterations && !timeCap.IsCancellationRequested; findCount++)
        {
            var hit = await recorder.TimeAsync("FindLine (CGNAT ip+port)", () => driver.FindLineAsync(cgnat.IpAddress, cgnat.PortFirst, cancellationToken));
            if (hit?.BandId != cgnat.BandId)
            {
                throw new InvalidOperationException($"{title}: FindLine({cgnat.IpAddress}:{cgnat.PortFirst}) returned {hit?.BandId}, expected {cgnat.BandId}.");
            }
        }

        findWatch.Stop();
        var operations = 0;
        var operationWatch = Stopwatch.StartNew();
        for (; operations < iterations && !timeCap.IsCancellationRequested; operations++)
        {
            var started = Stopwatch.GetTimestamp();
            await OperationAsync(recorder, driver, reference, target, line.BaseDownKbps, cancellationToken);
            recorder.Add("operation (read+set+set back)", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        operationWatch.Stop();
        Report.KeyValue("first operation (FindLine, cold)", $"{Report.Ms(firstMs)} ms");
        Report.KeyValue("FindLine calls/s", $"{Report.Rate(findCount, findWatch.Elapsed)} ({findCount} in {findWatch.Elapsed.TotalSeconds:0.00} s)");
        Report.KeyValue("operations/s", $"{Report.Rate(operations, operationWatch.Elapsed)} ({operations} in {operationWatch.Elapsed.TotalSeconds:0.00} s)");
        if (timeCap.IsCancellationRequested)
        {
            Report.Line($"  (stopped by the {budget.TotalSeconds:0} s time cap)");
        }

        Report.Table(recorder.Summaries());
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
}
