using Xunit;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Renci.SshNet;

namespace SpeedUp.Testing;

/// <summary>
/// Looks at a simulated BRAS the way an engineer would, independently of the service's drivers:
/// its CLI over real ssh, and net-snmp's <c>snmpget</c> against its agent.
/// </summary>
public static partial class DeviceViews
{
    public const string UnicomMib = "1.3.6.1.4.1.3902.6051.1.1.1";

    /// <summary>Inbound (up) and outbound (down) CIR in kbit/s, read with <c>display access-user user-name</c> over ssh.</summary>
    public static (long Up, long Down) ReadOverSsh(CarrierSimulators networks, string account)
    {
        var info = new ConnectionInfo("127.0.0.1", networks.Telecom.SshPort, networks.Telecom.SshUser,
            new PasswordAuthenticationMethod(networks.Telecom.SshUser, networks.Telecom.SshPassword)) { Timeout = TimeSpan.FromSeconds(10) };
        using var client = new SshClient(info);
        client.HostKeyReceived += (_, e) => e.CanTrust = "SHA256:" + e.FingerPrintSHA256 == networks.Telecom.SshHostKeySha256
            || e.FingerPrintSHA256 == networks.Telecom.SshHostKeySha256;
        client.Connect();
        using var shell = client.CreateShellStream("vt100", 200, 48, 0, 0, 4096);
        var prompt = new Regex(@"<[^<>\r\n]+>\s*$");
        shell.Expect(prompt, TimeSpan.FromSeconds(10));
        shell.WriteLine("screen-length 0 temporary");
        shell.Expect(prompt, TimeSpan.FromSeconds(10));
        shell.WriteLine("display access-user user-name " + account);
        var output = shell.Expect(prompt, TimeSpan.FromSeconds(10)) ?? throw new TimeoutException("No prompt from the simulator CLI.");
        return (Field(output, "Inbound CAR CIR"), Field(output, "Outbound CAR CIR"));
    }

    /// <summary>One integer column of the Unicom subscriber table, read by net-snmp's snmpget.</summary>
    public static async Task<long> SnmpGetAsync(CarrierSimulators networks, int column, long bandId)
    {
        var info = new ProcessStartInfo("/usr/bin/snmpget") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-v2c", "-c", "public", "-On", "-Oqv", "-t", "2", "-r", "1",
                     $"127.0.0.1:{networks.Unicom.SnmpEndpoint.Port}", $"{UnicomMib}.{column}.{bandId}" })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["MIBS"] = "";
        info.Environment["SNMP_PERSISTENT_DIR"] = Path.Combine(networks.StateDirectory, "snmp");
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"snmpget failed: {error}");
        return long.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }

    private static long Field(string output, string key)
    {
        var match = Regex.Match(output, Regex.Escape(key) + @"[^:\r\n]*:\s*(\d+)");
        Assert.True(match.Success, $"'{key}' not found in CLI output:\n{output}");
        return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
