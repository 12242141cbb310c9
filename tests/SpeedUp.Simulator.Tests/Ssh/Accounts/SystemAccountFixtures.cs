using System.Net;
using System.Net.Sockets;
using Renci.SshNet;

namespace SpeedUp.Simulator.Tests;

/// <summary>Real system accounts and a real, stock sshd for the account tests (root only; nothing is mocked).</summary>
internal static class SystemAccountFixtures
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A user name nobody has: <c>sut-</c> and random hex.</summary>
    public static string UniqueUser() => "sut-" + Guid.NewGuid().ToString("N")[..12];

    public static Task<BrasSimulator> StartSimulatorAsync(string user, string password = "sut-Pw-1234") =>
        BrasSimulator.StartAsync(
            new BrasSimulatorOptions { SeedFile = SimulatorTestPaths.UnicomSeed, Ssh = new SshFrontOptions { User = user, Password = password } }, Ct);

    public static async Task<PasswdEntry?> PasswdAsync(string user) => await SystemAccounts.FindAsync(user, Ct);

    public static string? ShadowLine(string user) =>
        File.ReadLines("/etc/shadow").FirstOrDefault(l => l.StartsWith(user + ":", StringComparison.Ordinal));

    public static async Task<ProcessResult> RunAsync(string tool, params string[] arguments) =>
        await ProcessRunner.RunAsync(tool, arguments, null, Ct);

    /// <summary>An ordinary account (not the simulator's): a real shell and a password, as a person's account would have.</summary>
    public static async Task CreateOrdinaryAccountAsync(string user, string password, string shell = "/bin/bash")
    {
        var add = await RunAsync(SystemAccounts.UserAdd, "-M", "-d", "/", "-s", shell, user);
        Assert.True(add.ExitCode == 0, add.Output);
        var chpasswd = await ProcessRunner.RunAsync("/usr/sbin/chpasswd", [], $"{user}:{password}\n", Ct);
        Assert.True(chpasswd.ExitCode == 0, chpasswd.Output);
    }

    public static async Task DeleteAccountAsync(string user) =>
        await ProcessRunner.RunAsync(SystemAccounts.UserDel, ["-f", user], null, CancellationToken.None);

    public static SshClient PasswordClient(int port, string user, string password) =>
        new(new ConnectionInfo("127.0.0.1", port, user, new PasswordAuthenticationMethod(user, password)) { Timeout = Timeout });

    public static async Task WaitForPortAsync(int port)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            using var probe = new TcpClient(AddressFamily.InterNetwork);
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, port, Ct);
                return;
            }
            catch (SocketException) when (TimeProvider.System.GetElapsedTime(started) < Timeout)
            {
                await Task.Delay(20, Ct);
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
