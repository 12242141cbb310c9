using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SpeedUp.Protocols.Snmp.Tests.Peers;
using SpeedUp.Protocols.Snmp.Tests.Support;

namespace SpeedUp.Protocols.Snmp.Tests;

/// <summary>
/// pysnmp 4.4 (Debian python3-pysnmp4) as an independent manager against OUR agent: v2c GET, and v3
/// authPriv (usmHMACSHAAuthProtocol + usmAesCfb128Protocol) GET, SET, GET, then a wrong auth password.
/// pysnmp has its own BER encoder, USM key localisation, AES salt and discovery sequence, so it checks
/// our agent against an implementation that shares no code with net-snmp (see pysnmp_manager.py).
/// </summary>
public sealed class PysnmpManagerTests
{
    private const string Python = "/usr/bin/python3";
    private static readonly UsmUser V3User = new("pyuser", UsmAuthProtocol.HmacSha1, "py-auth-pass1", UsmPrivProtocol.Aes128, "py-priv-pass1");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pysnmp_V2cGet_AgainstOurAgent()
    {
        await using var agent = await StartAgentAsync(TestMib.CreateDefault());

        var steps = await RunPysnmpAsync(["v2c", Port(agent), "public", "1.3.6.1.4.1.99.1.0"]);

        Assert.Equal(("1.3.6.1.4.1.99.1.0", "Integer", "42"), Value(steps, "v2c-get"));
    }

    [Fact]
    public async Task Pysnmp_V3AuthPriv_GetSetAndWrongDigest_AgainstOurAgent()
    {
        var mib = TestMib.CreateDefault();
        await using var agent = await StartAgentAsync(mib);

        var steps = await RunPysnmpAsync(
            ["v3", Port(agent), V3User.Name, V3User.AuthPassword!, V3User.PrivPassword!, "1.3.6.1.4.1.99.1.0", "1.3.6.1.4.1.99.2.0", "set by pysnmp"]);

        // pysnmp 4.4 pads the AES plaintext with zeros to a multiple of 16: the agent must ignore what follows
        // the scopedPDU, as snmpd does (Pysnmp_V3AuthPriv_AgainstSnmpd_IsTheControl).
        Assert.Equal(("1.3.6.1.4.1.99.1.0", "Integer", "42"), Value(steps, "v3-get"));
        Assert.Equal(("1.3.6.1.4.1.99.2.0", "OctetString", "set by pysnmp"), Value(steps, "v3-set"));
        Assert.Equal(("1.3.6.1.4.1.99.2.0", "OctetString", "set by pysnmp"), Value(steps, "v3-get-after-set"));
        Assert.Equal(SnmpOctetString.FromString("set by pysnmp"), mib.Get(ObjectIdentifier.Parse("1.3.6.1.4.1.99.2.0")));
        // Our agent's usmStatsWrongDigests report, as pysnmp names it.
        Assert.Equal("Wrong SNMP PDU digest", steps["v3-wrong-auth"].GetProperty("error").GetString());
    }

    [Fact]
    public async Task Pysnmp_V3AuthPriv_AgainstSnmpd_IsTheControl()
    {
        // The same script and padding against net-snmp snmpd: it answers every step.
        await using var snmpd = new NetSnmpdPeer();
        await snmpd.InitializeAsync();
        var user = NetSnmpdProcess.ShaAes;
        var name = NetSnmpdPeer.Rate(2, 3).ToString();

        var steps = await RunPysnmpAsync(
            ["v3", snmpd.Endpoint.Port.ToString(CultureInfo.InvariantCulture), user.Name, user.AuthPassword, user.PrivPassword, NetSnmpdPeer.Rate(1, 3).ToString(), name, "set by pysnmp"]);

        Assert.Equal((NetSnmpdPeer.Rate(1, 3).ToString(), "Integer", "3"), Value(steps, "v3-get"));
        Assert.Equal((name, "OctetString", "set by pysnmp"), Value(steps, "v3-get-after-set"));
        Assert.Equal("Wrong SNMP PDU digest", steps["v3-wrong-auth"].GetProperty("error").GetString());
    }

    private static async Task<SnmpAgent> StartAgentAsync(TestMib mib)
    {
        var options = new SnmpAgentOptions();
        options.Users.Add(new SnmpAgentUser(V3User, CanWrite: true));
        var agent = new SnmpAgent(options, mib);
        await agent.StartAsync(Ct);
        return agent;
    }

    private static string Port(SnmpAgent agent) => agent.LocalEndpoint.Port.ToString(CultureInfo.InvariantCulture);

    private static (string Oid, string Type, string Value) Value(Dictionary<string, JsonElement> steps, string step)
    {
        Assert.True(steps.TryGetValue(step, out var result), "pysnmp printed no line for " + step);
        Assert.False(result.TryGetProperty("error", out var error), step + ": " + error);
        return (result.GetProperty("oid").GetString()!, result.GetProperty("type").GetString()!, result.GetProperty("value").GetString()!);
    }

    private static async Task<Dictionary<string, JsonElement>> RunPysnmpAsync(IEnumerable<string> arguments)
    {
        if (!File.Exists(Python) || !Directory.Exists("/usr/lib/python3/dist-packages/pysnmp"))
        {
            Assert.Fail("pysnmp for /usr/bin/python3 is missing (Debian python3-pysnmp4): run scripts/setup.sh (as root).");
        }

        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments.Prepend(Path.Combine(AppContext.BaseDirectory, "Peers", "pysnmp_manager.py")))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + Python);
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout;
        Assert.True(process.ExitCode == 0, "pysnmp_manager.py failed: " + await stderr + output);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToDictionary(e => e.GetProperty("step").GetString()!, e => e.Clone());
    }
}
