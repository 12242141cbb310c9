using System.Globalization;
using System.Net;
using SpeedUp.Protocols.Snmp.Tests.Peers;
using SpeedUp.Protocols.Snmp;

namespace SpeedUp.Benchmarks.Snmp;

/// <summary>
/// Scenario "snmp": our <see cref="SnmpManager"/> doing GET (sysName.0) and SET (UCD-SNMP-MIB
/// versionDoDebugging.0 = 0) round trips with 1 and 64 requests in flight, v2c and v3 authPriv, against our
/// <see cref="SnmpAgent"/> (in this process, small in-memory MIB) and against net-snmp snmpd on 127.0.0.1 (its
/// own process, built-in MIB modules). A raw pre-encoded GET loop measures what each agent can serve without
/// our manager's cost. The SET object is one snmpd does not persist: a SET of sysName.0 makes snmpd rewrite
/// and fsync its persistent snmpd.conf (~20 fsyncs per SET, seen with strace), measured once on its own.
/// </summary>
internal sealed partial class SnmpBenchmark(TimeSpan phaseDuration)
{
    public const double GoalGetsPerSecond = 20_000;

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);
    private static readonly int[] InFlight = [1, 64];

    public static ObjectIdentifier SysName { get; } = ObjectIdentifier.Parse("1.3.6.1.2.1.1.5.0");

    /// <summary>UCD-SNMP-MIB::versionDoDebugging.0, a writable INTEGER snmpd keeps in memory only.</summary>
    public static ObjectIdentifier SetTarget { get; } = ObjectIdentifier.Parse("1.3.6.1.4.1.2021.100.20.0");

    /// <summary>How one request is secured: the GET and SET calls for one protocol version.</summary>
    private sealed record Mode(
        string Label,
        Func<SnmpManager, IPEndPoint, CancellationToken, Task> Get,
        Func<SnmpManager, IPEndPoint, VarBind, CancellationToken, Task> Set);

    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        Report.Heading($"Scenario snmp: our SnmpManager, GET sysName.0 and SET versionDoDebugging.0, {string.Join(" and ", InFlight)} in flight, {phaseDuration.TotalSeconds:0.#} s per phase");
        if (!NetSnmpdProcess.IsInstalled)
        {
            Report.Line($"  ERROR: {NetSnmpdProcess.SnmpdPath} missing: run scripts/setup.sh (as root) first.");
            return false;
        }

        var results = new List<SnmpLoadResult>();
        var references = new List<(string Name, int Window, double PerSecond, int Timeouts)>();
        var modes = Modes();
        await using var manager = new SnmpManager(new SnmpManagerOptions { Timeout = TimeSpan.FromSeconds(2), Retries = 0 });

        await using (var agent = new SnmpAgent(AgentOptions(), new BenchMib()))
        {
            await agent.StartAsync(cancellationToken);
            await MeasureAsync("ours", agent.LocalEndpoint, manager, modes, peerPid: null, results, cancellationToken);
            references.AddRange(Reference("ours", agent.LocalEndpoint));
        }

        await using (var snmpd = await NetSnmpdProcess.StartAsync(passPersistScript: null, cancellationToken))
        {
            Report.KeyValue("snmpd started (to first answer)", $"{snmpd.StartupTime.TotalMilliseconds:0} ms, pid {snmpd.ProcessId}, {snmpd.Endpoint}");
            await MeasureAsync("snmpd", snmpd.Endpoint, manager, modes, snmpd.ProcessId, results, cancellationToken);
            VarBind persisted = new(SysName, SnmpOctetString.FromString("bench"));
            results.Add(await SnmpLoad.RunAsync("snmpd v2c SET sysName.0", 1, WarmUp, phaseDuration,
                ct => modes[0].Set(manager, snmpd.Endpoint, persisted, ct), snmpd.ProcessId, cancellationToken));
            references.AddRange(Reference("snmpd", snmpd.Endpoint));
        }

        Print(results, references);
        return results.All(r => r.Errors == 0 && r.Count > 0);
    }

    private async Task MeasureAsync(
        string target, IPEndPoint endpoint, SnmpManager manager, IReadOnlyList<Mode> modes, int? peerPid, List<SnmpLoadResult> results, CancellationToken cancellationToken)
    {
        VarBind value = new(SetTarget, new SnmpInteger(0));
        foreach (var mode in modes)
        {
            foreach (var inFlight in InFlight)
            {
                results.Add(await SnmpLoad.RunAsync($"{target} {mode.Label} GET", inFlight, WarmUp, phaseDuration,
                    ct => mode.Get(manager, endpoint, ct), peerPid, cancellationToken));
                results.Add(await SnmpLoad.RunAsync($"{target} {mode.Label} SET", inFlight, WarmUp, phaseDuration,
                    ct => mode.Set(manager, endpoint, value, ct), peerPid, cancellationToken));
                Report.Line($"  measured {target} {mode.Label} x{inFlight}: GET {results[^2].PerSecond:0}/s, SET {results[^1].PerSecond:0}/s");
            }
        }
    }

    private IEnumerable<(string, int, double, int)> Reference(string target, IPEndPoint endpoint)
    {
        foreach (var window in InFlight)
        {
            var (answered, elapsed, timeouts) = RawGetReference.Run(endpoint, window, phaseDuration);
            yield return ($"{target} raw v2c GET", window, answered / elapsed.TotalSeconds, timeouts);
        }
    }

    private static void Print(List<SnmpLoadResult> results, List<(string Name, int Window, double PerSecond, int Timeouts)> references)
    {
        Report.Line("");
        Report.Line($"  {"phase",-26} {"in flight",9} {"round trips/s",13} {"p50 ms",8} {"p99 ms",8} {"n",8} {"errors",6} {"bench CPU",9} {"snmpd CPU",9} {"others CPU",10}");
        foreach (var r in results)
        {
            Report.Line($"  {r.Name,-26} {r.InFlight,9} {r.PerSecond,13:0} {Report.Ms(r.Latency.P50),8} {Report.Ms(r.Latency.P99),8} {r.Count,8} {r.Errors,6} {Percent(r.ProcessCpu),9} {Percent(r.PeerCpu),9} {Percent(r.OthersCpu),10}");
        }

        Report.Line("");
        Report.Line("  Reference: raw pre-encoded v2c GETs from one blocking socket (what the agent serves without our manager)");
        foreach (var (name, window, perSecond, timeouts) in references)
        {
            Report.Line($"  {name,-26} {window,9} {perSecond,13:0}   (window refills after 200 ms silence: {timeouts})");
        }

        Report.Line("");
        var ours = results.FirstOrDefault(r => r.Name == "ours v2c GET" && r.InFlight == 64);
        if (ours is not null)
        {
            Report.KeyValue("goal: ours v2c GET x64 >= 20,000/s", $"{ours.PerSecond:0}/s -> {(ours.PerSecond >= GoalGetsPerSecond ? "MET" : "NOT MET")}");
        }

        var viaManager = results.FirstOrDefault(r => r.Name == "snmpd v2c GET" && r.InFlight == 64);
        var raw = references.FirstOrDefault(r => r.Name == "snmpd raw v2c GET" && r.Window == 64);
        if (viaManager is not null && raw.PerSecond > 0)
        {
            Report.KeyValue("snmpd v2c GET x64: manager / raw", $"{viaManager.PerSecond:0}/s / {raw.PerSecond:0}/s = {viaManager.PerSecond / raw.PerSecond:P0} (snmpd CPU {Percent(viaManager.PeerCpu)} of one core)");
        }
    }

    private static string Percent(double? share) => share is { } s ? (s * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "-";
}
