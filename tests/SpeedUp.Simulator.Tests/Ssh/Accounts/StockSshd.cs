using System.Diagnostics;

namespace SpeedUp.Simulator.Tests;

/// <summary>
/// The system's own sshd as a Debian machine runs it — the stock /etc/ssh/sshd_config (UsePAM yes, password logins) —
/// started on a free loopback port for one test, so "can this account log in to the machine?" is asked for real.
/// </summary>
internal sealed class StockSshd : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private StockSshd(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public static async Task<StockSshd> StartAsync()
    {
        SimulatorTestPaths.RequireTool(OpenSshFront.Sshd);
        Assert.True(File.Exists("/etc/ssh/sshd_config"), "The stock /etc/ssh/sshd_config is missing (openssh-server).");
        var folder = Directory.CreateTempSubdirectory("stock-sshd-").FullName;
        var port = SystemAccountFixtures.FreePort();
        var info = new ProcessStartInfo(OpenSshFront.Sshd) { UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     "-D", "-f", "/etc/ssh/sshd_config", "-E", Path.Combine(folder, "sshd.log"),
                     "-o", "Port=" + port, "-o", "ListenAddress=127.0.0.1", "-o", "PidFile=" + Path.Combine(folder, "sshd.pid"),
                 })
        {
            info.ArgumentList.Add(argument);
        }

        Directory.CreateDirectory("/run/sshd");
        var process = Process.Start(info)!;
        var sshd = new StockSshd(process, folder, port);
        try
        {
            await SystemAccountFixtures.WaitForPortAsync(port);
            return sshd;
        }
        catch
        {
            await sshd.DisposeAsync();
            throw;
        }
    }

    public string Log => File.Exists(Path.Combine(_folder, "sshd.log")) ? File.ReadAllText(Path.Combine(_folder, "sshd.log")) : "(no log)";

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync(CancellationToken.None);
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
