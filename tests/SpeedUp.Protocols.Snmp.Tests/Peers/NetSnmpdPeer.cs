using System.Net;

namespace SpeedUp.Protocols.Snmp.Tests.Peers;

/// <summary>
/// xunit fixture: a private net-snmp snmpd (see <see cref="NetSnmpdProcess"/>) serving the read-write rates
/// table of <c>pass_persist_rates.py</c>. Fails — never skips — when snmpd is not installed.
/// </summary>
public sealed class NetSnmpdPeer : IAsyncLifetime
{
    private NetSnmpdProcess? _process;

    /// <summary>The table served by pass_persist: entry .1, columns 1 (index, ro), 2 (name), 3 (down, Gauge32), 4 (up, INTEGER); rows 1..3.</summary>
    public static ObjectIdentifier RatesEntry { get; } = ObjectIdentifier.Parse(NetSnmpdProcess.RatesRoot + ".1");

    public IPEndPoint Endpoint => Process.Endpoint;

    internal NetSnmpdProcess Process => _process ?? throw new InvalidOperationException("snmpd is not started.");

    public static ObjectIdentifier Rate(int column, int row) => ObjectIdentifier.Parse($"{NetSnmpdProcess.RatesRoot}.1.{column}.{row}");

    /// <summary>snmpd's log, for assertion messages.</summary>
    public string Log => Process.ReadLog();

    public async ValueTask InitializeAsync()
    {
        if (!NetSnmpdProcess.IsInstalled)
        {
            Assert.Fail($"net-snmp snmpd is not installed ({NetSnmpdProcess.SnmpdPath}): run scripts/setup.sh (as root) to install it.");
        }

        var script = Path.Combine(AppContext.BaseDirectory, "Peers", "pass_persist_rates.py");
        Assert.True(File.Exists(script), script + " was not copied to the output directory.");
        _process = await NetSnmpdProcess.StartAsync(script, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }
}
