using System.Diagnostics;
using System.Net.Sockets;
using Renci.SshNet;
using Renci.SshNet.Common;
using SpeedUp.Simulator;

namespace SpeedUp.Simulator.Tests;

/// <summary>A real SSH round trip: SSH.NET → OpenSSH sshd → socat → the simulator's CLI socket.</summary>
public sealed class OpenSshFrontTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static async Task<BrasSimulator> StartAsync()
    {
        SimulatorTestPaths.RequireTool(OpenSshFront.Sshd);
        SimulatorTestPaths.RequireTool(OpenSshFront.Socat);
        return await BrasSimulator.StartAsync(
            new BrasSimulatorOptions { SeedFile = SimulatorTestPaths.UnicomSeed, Ssh = new SshFrontOptions() },
            TestContext.Current.CancellationToken);
    }

    private static SshClient Client(BrasSimulator simulator, string password)
    {
        var info = new ConnectionInfo("127.0.0.1", simulator.SshPort, simulator.SshUser,
            new PasswordAuthenticationMethod(simulator.SshUser, password)) { Timeout = Timeout };
        var client = new SshClient(info);
        client.HostKeyReceived += (_, e) => e.CanTrust = "SHA256:" + e.FingerPrintSHA256 == simulator.SshHostKeySha256;
        return client;
    }

    [Fact]
    public async Task ShellSession_ThroughSshd_ReadsAndSetsRates()
    {
        await using var simulator = await StartAsync();
        using var client = Client(simulator, simulator.SshPassword);
        await client.ConnectAsync(TestContext.Current.CancellationToken);
        using var shell = client.CreateShellStream("vt100", 200, 48, 0, 0, 4096);

        var banner = shell.Expect("<CU-BRAS-01>", Timeout);
        Assert.NotNull(banner);
        Assert.Contains("Info: The max number of VTY users is 50", banner, StringComparison.Ordinal);
        Assert.DoesNotContain("Could not chdir", banner, StringComparison.Ordinal);

        shell.WriteLine("screen-length 0 temporary");
        Assert.Contains("Info: The configuration takes effect", shell.Expect("<CU-BRAS-01>", Timeout), StringComparison.Ordinal);
        shell.WriteLine("display access-user ip-address 58.240.57.100");
        var display = shell.Expect("<CU-BRAS-01>", Timeout);
        Assert.Equal(3, display!.Split("User name").Length - 1);

        shell.WriteLine("system-view");
        shell.Expect("[CU-BRAS-01]", Timeout);
        shell.WriteLine("aaa");
        shell.Expect("[CU-BRAS-01-aaa]", Timeout);
        shell.WriteLine("access-user user-name js025u0003 car outbound cir 300000");
        Assert.Equal("access-user user-name js025u0003 car outbound cir 300000\r\n[CU-BRAS-01-aaa]", shell.Expect("[CU-BRAS-01-aaa]", Timeout));
        Assert.Equal(300000, simulator.State.FindByAccount("js025u0003")!.DownKbps);

        shell.WriteLine("return");
        shell.Expect("<CU-BRAS-01>", Timeout);
        shell.WriteLine("quit");
        var deadline = Stopwatch.StartNew();
        while (client.IsConnected && simulator.ActiveCliSessions > 0 && deadline.Elapsed < Timeout)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, simulator.ActiveCliSessions);
    }

    [Fact]
    public async Task SshHostKeySha256_ComparedWithSshKeygen_MatchesAndWrongPasswordIsRefused()
    {
        await using var simulator = await StartAsync();
        var front = simulator.SshFront!;
        var keygen = Process.Start(new ProcessStartInfo("/usr/bin/ssh-keygen", ["-l", "-E", "sha256", "-f", front.HostKeyPath + ".pub"])
        {
            RedirectStandardOutput = true,
        })!;
        var listing = await keygen.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.Equal(listing.Split(' ')[1], simulator.SshHostKeySha256);
        Assert.StartsWith("SHA256:", simulator.SshHostKeySha256, StringComparison.Ordinal);

        var config = await File.ReadAllTextAsync(front.ConfigPath, TestContext.Current.CancellationToken);
        Assert.Contains("ListenAddress 127.0.0.1\n", config, StringComparison.Ordinal);
        Assert.Contains("AllowUsers bras-cli\n", config, StringComparison.Ordinal);
        // The forced command is the name under which the CLI bridge (the account's login shell) finds this CLI socket.
        var forced = config.Split('\n').Single(l => l.StartsWith("ForceCommand ", StringComparison.Ordinal))["ForceCommand ".Length..];
        Assert.Matches("^cli-[0-9a-f]{32}$", forced);
        Assert.Equal(simulator.CliSocketPath, new FileInfo(Path.Combine("/run/speedup-simulator/cli", forced)).LinkTarget);

        using var client = Client(simulator, "wrong-password");
        await Assert.ThrowsAsync<SshAuthenticationException>(() => client.ConnectAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task DisposeAsync_WithSshFront_StopsSshd()
    {
        var simulator = await StartAsync();
        var port = simulator.SshPort;
        var pid = simulator.SshFront!.ProcessId;
        await simulator.DisposeAsync();

        Assert.False(File.Exists("/proc/" + pid + "/cmdline") && (await File.ReadAllTextAsync("/proc/" + pid + "/cmdline", TestContext.Current.CancellationToken)).Contains("sshd", StringComparison.Ordinal));
        using var tcp = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => tcp.ConnectAsync("127.0.0.1", port, TestContext.Current.CancellationToken).AsTask());
    }
}
