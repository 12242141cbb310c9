using Microsoft.Extensions.Logging.Abstractions;
using Renci.SshNet.Common;
using static SpeedUp.Simulator.Tests.SystemAccountFixtures;

namespace SpeedUp.Simulator.Tests;

/// <summary>
/// The simulator's system accounts, for real (root, useradd, sshd): they reach the simulator's CLI and nothing else, the
/// machine's own sshd does not let them in, accounts the simulator did not create are never touched, and they go away
/// when the simulator stops (or at the next start after a crash).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SimulatorAccountsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Account_LoginShellIsTheCliBridge_ItRunsNoCommand()
    {
        var user = UniqueUser();
        await using var simulator = await StartSimulatorAsync(user);

        var entry = await PasswdAsync(user);
        Assert.NotNull(entry);
        Assert.Equal(SimulatorAccountPaths.BridgeShell, entry.Shell);
        Assert.DoesNotContain(entry.Shell, File.ReadLines("/etc/shells"));

        // The login shell itself, run as the account the way any login service would: no command runs.
        var command = await RunAsync("/usr/sbin/runuser", "-u", user, "--", entry.Shell, "-c", "id");
        Assert.NotEqual(0, command.ExitCode);
        Assert.DoesNotContain("uid=", command.Output, StringComparison.Ordinal);
        Assert.Contains("only reaches a BRAS simulator's CLI", command.Output, StringComparison.Ordinal);
        var interactive = await ProcessRunnerWithInput(user, entry.Shell, "id\n");
        Assert.DoesNotContain("uid=", interactive.Output, StringComparison.Ordinal);

        // Through the simulator's sshd a command request gets the CLI, not a shell.
        using var client = PasswordClient(simulator.SshPort, user, "sut-Pw-1234");
        await client.ConnectAsync(Ct);
        using var exec = client.CreateCommand("id");
        _ = exec.BeginExecute();
        var output = await ReadUntilAsync(exec.OutputStream, "<CU-BRAS-01>");
        exec.CancelAsync();
        Assert.DoesNotContain("uid=", output, StringComparison.Ordinal);
        Assert.Contains("<CU-BRAS-01>", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Account_TheMachinesOwnSshdRefusesIt_WhileAnOrdinaryAccountGetsIn()
    {
        var user = UniqueUser();
        var control = UniqueUser();
        await using var simulator = await StartSimulatorAsync(user, "sut-Pw-1234");
        await using var stock = await StockSshd.StartAsync();
        await CreateOrdinaryAccountAsync(control, "ctl-Pw-5678", "/usr/sbin/nologin");
        try
        {
            // Control: the stock sshd does accept a password login of an ordinary account.
            using (var ordinary = PasswordClient(stock.Port, control, "ctl-Pw-5678"))
            {
                await ordinary.ConnectAsync(Ct);
                Assert.True(ordinary.IsConnected, stock.Log);
            }

            Assert.StartsWith(user + ":!", ShadowLine(user), StringComparison.Ordinal);
            using var intruder = PasswordClient(stock.Port, user, "sut-Pw-1234");
            await Assert.ThrowsAsync<SshAuthenticationException>(() => intruder.ConnectAsync(Ct));

            // The simulator's own sshd still takes the password.
            using var device = PasswordClient(simulator.SshPort, user, "sut-Pw-1234");
            await device.ConnectAsync(Ct);
            Assert.True(device.IsConnected);
        }
        finally
        {
            await DeleteAccountAsync(control);
        }
    }

    [Fact]
    public async Task Root_IsRefused_ItsPasswordIsNotTouched()
    {
        var before = ShadowLine("root");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => StartSimulatorAsync("root"));

        Assert.Contains("'root'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, ShadowLine("root"));
    }

    [Fact]
    public async Task SystemAccount_IsRefused()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => StartSimulatorAsync("daemon"));

        Assert.Contains("'daemon'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("system account", refused.Message, StringComparison.Ordinal);
        Assert.Equal("/usr/sbin/nologin", (await PasswdAsync("daemon"))!.Shell);
    }

    [Fact]
    public async Task ExistingAccount_NotCreatedByTheSimulator_IsRefused_AndLeftAsItWas()
    {
        var user = UniqueUser();
        await CreateOrdinaryAccountAsync(user, "own-Pw-9012");
        try
        {
            var passwd = await PasswdAsync(user);
            var shadow = ShadowLine(user);

            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => StartSimulatorAsync(user));

            Assert.Contains($"'{user}'", refused.Message, StringComparison.Ordinal);
            Assert.Contains("did not create", refused.Message, StringComparison.Ordinal);
            Assert.Equal(passwd, await PasswdAsync(user));
            Assert.Equal(shadow, ShadowLine(user));
        }
        finally
        {
            await DeleteAccountAsync(user);
        }
    }

    [Fact]
    public async Task Account_IsRemovedWhenTheSimulatorStops()
    {
        var user = UniqueUser();
        var simulator = await StartSimulatorAsync(user);
        Assert.NotNull(await PasswdAsync(user));

        await simulator.DisposeAsync();

        Assert.Null(await PasswdAsync(user));
        Assert.Null(ShadowLine(user));
    }

    [Fact]
    public async Task SharedAccount_StaysUntilTheLastSimulatorStops_EachFrontWithItsOwnPassword()
    {
        var user = UniqueUser();
        var first = await StartSimulatorAsync(user, "first-Pw-111");
        await using (var second = await StartSimulatorAsync(user, "second-Pw-222"))
        {
            await first.DisposeAsync();
            Assert.NotNull(await PasswdAsync(user));

            using var client = PasswordClient(second.SshPort, user, "second-Pw-222");
            await client.ConnectAsync(Ct);
            Assert.True(client.IsConnected);
        }

        Assert.Null(await PasswdAsync(user));
    }

    [Fact]
    public async Task LeftoverAccount_OfARunThatDied_IsRemovedAtTheNextStart()
    {
        var leftover = UniqueUser();
        var dead = await RunAsync("/bin/sh", "-c", "echo $$");
        var deadPid = int.Parse(dead.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        // A run that died without stopping: its lease names a process that is gone.
        _ = await SimulatorAccounts.AcquireAsync(leftover, deadPid, NullLogger.Instance, Ct);
        Assert.NotNull(await PasswdAsync(leftover));

        await using var simulator = await StartSimulatorAsync(UniqueUser());

        Assert.Null(await PasswdAsync(leftover));
    }

    /// <summary>What the stream shows until <paramref name="marker"/> appears (or 10 s pass: the caller's assertion then fails).</summary>
    private static async Task<string> ReadUntilAsync(Stream stream, string marker)
    {
        var text = new System.Text.StringBuilder();
        var buffer = new byte[1024];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(SystemAccountFixtures.Timeout);
        try
        {
            while (!text.ToString().Contains(marker, StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    await Task.Delay(10, timeout.Token);
                    continue;
                }

                text.Append(System.Text.Encoding.UTF8.GetString(buffer, 0, read));
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            // fall through: the caller asserts on what arrived
        }

        return text.ToString();
    }

    private static async Task<ProcessResult> ProcessRunnerWithInput(string user, string shell, string input) =>
        await ProcessRunner.RunAsync("/usr/sbin/runuser", ["-u", user, "--", shell], input, Ct);
}
