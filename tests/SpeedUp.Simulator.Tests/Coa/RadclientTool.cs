using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace SpeedUp.Simulator.Tests.Coa;

/// <summary>Runs FreeRADIUS radclient (Debian freeradius-utils) against a CoA face: attributes on stdin, 1 s timeout, one retry.</summary>
internal static class RadclientTool
{
    public const string Path = "/usr/bin/radclient";

    public static async Task<(int ExitCode, string Output)> RunAsync(IPEndPoint face, string command, string secret, string attributes)
    {
        SimulatorTestPaths.RequireTool(Path);
        var info = new ProcessStartInfo(Path)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-x", "-t", "1", "-r", "1", "-D", "/usr/share/freeradius",
                     "127.0.0.1:" + face.Port.ToString(CultureInfo.InvariantCulture), command, secret })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(attributes);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
