using System.Diagnostics;
using System.Net;

namespace SpeedUp.Simulator.Tests;

/// <summary>Runs net-snmp command-line tools (snmpget, snmpset, …) against an agent, numeric OIDs, no MIB loading.</summary>
internal static class NetSnmpTool
{
    private static readonly string PersistentDirectory = Directory.CreateTempSubdirectory("speedup-netsnmp-").FullName;

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string tool, IPEndPoint agent, string community, params string[] arguments) =>
        RunAsync(tool, agent, ["-v2c", "-c", community], arguments);

    /// <summary>Runs a tool with explicit security options (e.g. <c>-v3 -l authPriv -u … -a … -A … -x … -X …</c>).</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string tool, IPEndPoint agent, IReadOnlyList<string> security, params string[] arguments)
    {
        var path = "/usr/bin/" + tool;
        SimulatorTestPaths.RequireTool(path);
        var info = new ProcessStartInfo(path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["SNMP_PERSISTENT_DIR"] = PersistentDirectory;
        info.Environment["MIBS"] = string.Empty;
        foreach (var argument in security.Concat(["-On", "-t", "2", "-r", "1", agent.ToString()]).Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout).Trim(), (await stderr).Trim());
    }
}
