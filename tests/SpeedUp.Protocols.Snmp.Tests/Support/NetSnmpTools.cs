using System.Diagnostics;
using System.Net;

namespace SpeedUp.Protocols.Snmp.Tests.Support;

/// <summary>Runs the net-snmp command-line tools (snmpget, snmpset, snmpwalk …) against a local agent.</summary>
internal static class NetSnmpTools
{
    private const string ToolDirectory = "/usr/bin";

    /// <summary>Fails (not skips) when net-snmp is not installed.</summary>
    public static void RequireInstalled()
    {
        if (!File.Exists(Path.Combine(ToolDirectory, "snmpget")))
        {
            Assert.Fail("net-snmp tools are missing (/usr/bin/snmpget). Run scripts/setup.sh to install them.");
        }
    }

    /// <summary>Runs <c>tool -On options agent operands</c> with a private persistent dir and no MIB loading.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string tool, IEnumerable<string> options, IPEndPoint agent, IEnumerable<string> operands, CancellationToken cancellationToken)
    {
        RequireInstalled();
        var persistent = Directory.CreateTempSubdirectory("snmp-persist-");
        try
        {
            var start = new ProcessStartInfo(Path.Combine(ToolDirectory, tool))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["MIBS"] = "";
            start.Environment["SNMP_PERSISTENT_DIR"] = persistent.FullName;
            start.Environment["SNMPCONFPATH"] = persistent.FullName;
            start.ArgumentList.Add("-On");
            foreach (var argument in options.Append(agent.ToString()).Concat(operands))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + tool);
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, (await stdout).ReplaceLineEndings("\n").Trim(), (await stderr).Trim());
        }
        finally
        {
            persistent.Delete(recursive: true);
        }
    }
}
