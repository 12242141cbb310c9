using System.Diagnostics;
using System.Net.Sockets;
using Renci.SshNet;
using Renci.SshNet.Common;
using SpeedUp.Protocols.Snmp;
using SpeedUp.Simulator;

namespace SpeedUp.Simulator.Tests;

/// <summary>The SSH face going dark and coming back (real sshd), the whole device going dark, reboot over SSH.</summary>
public sealed class SshDarkTests
{
    private const string Prompt = "<CT-BRAS-01>";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly ObjectIdentifier SysName = ObjectIdentifier.Parse("1.3.6.1.2.1.1.5.0");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<BrasSimulator> StartAsync()
    {
        SimulatorTestPaths.RequireTool(OpenSshFront.Sshd);
        SimulatorTestPaths.RequireTool(OpenSshFront.Socat);
        return await BrasSimulator.StartAsync(
            new BrasSimulatorOptions { SeedFile = SimulatorTestPaths.TelecomSeed, Ssh = new SshFrontOptions() }, Ct);
    }

    /// <summary>A client that trusts only <paramref name="pinnedHostKey"/>.</summary>
    private static SshClient Client(BrasSimulator simulator, string pinnedHostKey)
    {
        var info = new ConnectionInfo("127.0.0.1", simulator.SshPort, simulator.SshUser,
            new PasswordAuthenticationMethod(simulator.SshUser, simulator.SshPassword)) { Timeout = Timeout };
        var client = new SshClient(info);
        client.HostKeyReceived += (_, e) => e.CanTrust = "SHA256:" + e.FingerPrintSHA256 == pinnedHostKey;
        return client;
    }

    private static async Task<(SshClient Client, ShellStream Shell)> OpenShellAsync(BrasSimulator simulator, string pinnedHostKey)
    {
        var client = Client(simulator, pinnedHostKey);
        await client.ConnectAsync(Ct);
        var shell = client.CreateShellStream("vt100", 200, 48, 0, 0, 4096);
        Assert.NotNull(shell.Expect(Prompt, Timeout));
        return (client, shell);
    }

    /// <summary>Completes when the shell's channel closes (sshd closes it when the CLI session ends).</summary>
    private static Task ClosedSignal(ShellStream shell)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        shell.Closed += (_, _) => closed.TrySetResult();
        return closed.Task;
    }

    private static async Task<bool> SshSessionClosedAsync(SshClient client, Task closed)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Timeout)
        {
            if (!client.IsConnected || closed.IsCompleted)
            {
                return true;
            }

            await Task.Delay(20, Ct);
        }

        return false;
    }

    private static async Task AssertRefusedAsync(int port)
    {
        using var tcp = new TcpClient();
        var watch = Stopwatch.StartNew();
        var e = await Assert.ThrowsAnyAsync<SocketException>(() => tcp.ConnectAsync("127.0.0.1", port, Ct).AsTask());
        Assert.Equal(SocketError.ConnectionRefused, e.SocketErrorCode);
        Assert.True(watch.ElapsedMilliseconds < 1000, $"refused only after {watch.ElapsedMilliseconds} ms");
    }

    private static async Task WaitForNoSessionsAsync(BrasSimulator simulator)
    {
        var watch = Stopwatch.StartNew();
        while (simulator.ActiveCliSessions > 0 && watch.Elapsed < Timeout)
        {
            await Task.Delay(20, Ct);
        }

        Assert.Equal(0, simulator.ActiveCliSessions);
    }

    [Fact]
    public async Task SetSshDarkAsync_DarkThenBack_ClosesSessionsRefusesConnectionsAndKeepsHostKey()
    {
        await using var simulator = await StartAsync();
        var pinned = simulator.SshHostKeySha256;
        var port = simulator.SshPort;
        var (client, shell) = await OpenShellAsync(simulator, pinned);
        await using var socketSession = await UnixCliClient.ConnectAsync(simulator.CliSocketPath);
        await socketSession.ReadUntilAsync(Prompt);
        using (client)
        using (shell)
        {
            var closed = ClosedSignal(shell);
            await simulator.SetSshDarkAsync(true, Ct);

            Assert.True(simulator.Faults.SshDark);
            Assert.False(simulator.SshFront!.IsListening);
            Assert.True(await SshSessionClosedAsync(client, closed));
            Assert.True(await socketSession.WaitClosedAsync(Timeout));
            await WaitForNoSessionsAsync(simulator);
            await AssertRefusedAsync(port);
            using var refused = Client(simulator, pinned);
            await Assert.ThrowsAnyAsync<SocketException>(() => refused.ConnectAsync(Ct));
        }

        await simulator.SetSshDarkAsync(false, Ct);

        Assert.False(simulator.Faults.SshDark);
        Assert.Equal(port, simulator.SshPort);
        Assert.Equal(pinned, simulator.SshHostKeySha256);
        var (again, againShell) = await OpenShellAsync(simulator, pinned);
        using (again)
        using (againShell)
        {
            againShell.WriteLine("display access-user user-name zj0571a0001");
            Assert.Contains("User name", againShell.Expect(Prompt, Timeout), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RefuseLoginsAsync_SetWhileSshDark_StillAppliesAfterResume()
    {
        await using var simulator = await StartAsync();
        await simulator.SetSshDarkAsync(true, Ct);
        await simulator.SshFront!.RefuseLoginsAsync(true, Ct);
        await simulator.SetSshDarkAsync(false, Ct);

        using var client = Client(simulator, simulator.SshHostKeySha256);
        await Assert.ThrowsAsync<SshAuthenticationException>(() => client.ConnectAsync(Ct));

        await simulator.SshFront.RefuseLoginsAsync(false, Ct);
        using var allowed = Client(simulator, simulator.SshHostKeySha256);
        await allowed.ConnectAsync(Ct);
        Assert.True(allowed.IsConnected);
    }

    [Fact]
    public async Task GoDarkAsync_ThenComeBackAsync_SilencesBothFacesThenRestoresThem()
    {
        await using var simulator = await StartAsync();
        await using var snmp = new SnmpManager(new SnmpManagerOptions { Timeout = TimeSpan.FromMilliseconds(400), Retries = 0 });

        await simulator.GoDarkAsync(Ct);

        Assert.True(simulator.DescribeFaults() is { SnmpDark: true, SshDark: true });
        await Assert.ThrowsAsync<SnmpTimeoutException>(() => snmp.GetAsync(simulator.SnmpEndpoint, "public", [SysName], Ct));
        await AssertRefusedAsync(simulator.SshPort);

        await simulator.ComeBackAsync(Ct);

        Assert.True(simulator.DescribeFaults() is { SnmpDark: false, SshDark: false });
        Assert.Single(await snmp.GetAsync(simulator.SnmpEndpoint, "public", [SysName], Ct));
        var (client, shell) = await OpenShellAsync(simulator, simulator.SshHostKeySha256);
        client.Dispose();
        shell.Dispose();
    }

    [Fact]
    public async Task RebootAsync_OpenSshSession_ClosesItAndResetsRates()
    {
        await using var simulator = await StartAsync();
        var (client, shell) = await OpenShellAsync(simulator, simulator.SshHostKeySha256);
        using (client)
        using (shell)
        {
            var closed = ClosedSignal(shell);
            simulator.State.SetRate(new RateChange(330100001, RateDirection.Up, 12000), CommandFace.Control, "t");

            await simulator.RebootAsync(Ct);

            await closed.WaitAsync(Timeout, Ct);
            await WaitForNoSessionsAsync(simulator);
            Assert.True(simulator.State.FindByBandId(330100001)!.AtBaseRates);
        }

        var (again, againShell) = await OpenShellAsync(simulator, simulator.SshHostKeySha256);
        again.Dispose();
        againShell.Dispose();
    }

    [Fact]
    public async Task SetSshDarkAsync_WithoutSshFront_Throws()
    {
        await using var simulator = await BrasSimulator.StartAsync(new BrasSimulatorOptions { SeedFile = SimulatorTestPaths.TelecomSeed }, Ct);
        await Assert.ThrowsAsync<InvalidOperationException>(() => simulator.SetSshDarkAsync(true, Ct));
    }

    [Fact]
    public async Task PostFaults_SshDark_RefusesSshUntilDeleteBringsItBack()
    {
        await using var simulator = await StartAsync();
        await using var server = SimulatorControlServer.Start([("china-telecom", simulator)], 0);
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var pinned = simulator.SshHostKeySha256;

        using (var dark = await http.PostAsync("networks/china-telecom/faults",
            new StringContent("""{ "sshDark": true, "snmpDark": true }""", System.Text.Encoding.UTF8, "application/json"), Ct))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, dark.StatusCode);
            Assert.Contains("\"sshDark\": true", await dark.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        await AssertRefusedAsync(simulator.SshPort);

        using (var clear = await http.DeleteAsync("networks/china-telecom/faults", Ct))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, clear.StatusCode);
        }

        Assert.True(simulator.DescribeFaults() is { SshDark: false, SnmpDark: false });
        var (client, shell) = await OpenShellAsync(simulator, pinned);
        client.Dispose();
        shell.Dispose();
    }
}
