using SpeedUp.Drivers.Conformance.Tests.Targets;
using SpeedUp.Protocols.Cli;

namespace SpeedUp.Drivers.Conformance.Tests.Replay;

/// <summary>
/// The committed fixture drives the real <c>HuaweiCliDriver</c> through find, read, set, restore and probe with no network:
/// its transports are <see cref="ReplayTransport"/>s, and live connections are blocked while it runs.
/// </summary>
public sealed class HuaweiReplayTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CommittedFixture_DrivesTheRealDriver_WithoutNetwork_ToTheRecordedResults()
    {
        var fixture = CliFixture.Load(HuaweiReplayScenario.CommittedFixturePath);
        var previous = Environment.GetEnvironmentVariable(LiveDeviceGuard.EnvironmentVariable);
        Environment.SetEnvironmentVariable(LiveDeviceGuard.EnvironmentVariable, "1");
        try
        {
            var (results, replay) = await HuaweiReplayScenario.ReplayAsync(fixture, inputs: null, Ct);

            Assert.Equal(fixture.Scenario.OrderBy(p => p.Key, StringComparer.Ordinal), results.OrderBy(p => p.Key, StringComparer.Ordinal));
            Assert.Contains("result.set", results.Keys);
            Assert.Null(replay.FirstMismatch);
            Assert.True(replay.IsComplete, "every recorded write was replayed");
            Assert.All(replay.Transports, transport => Assert.IsType<ReplayTransport>(transport));
        }
        finally
        {
            Environment.SetEnvironmentVariable(LiveDeviceGuard.EnvironmentVariable, previous);
        }
    }

    [Fact]
    public async Task ADifferentCommand_FailsWithTheExpectedAndTheSentText()
    {
        var fixture = CliFixture.Load(HuaweiReplayScenario.CommittedFixturePath);
        var inputs = HuaweiReplayScenario.InputsOf(fixture.Scenario);
        var recordedAccount = inputs["account"];
        inputs["account"] = "zj0571a0002";

        var error = await Assert.ThrowsAsync<DriverException>(() => HuaweiReplayScenario.ReplayAsync(fixture, inputs, Ct));

        Assert.Equal(DriverFailure.ProtocolError, error.Failure);
        Assert.Contains($"expected 'display access-user user-name {recordedAccount}\\r'", error.Message, StringComparison.Ordinal);
        Assert.Contains("the client sent 'display access-user user-name zj0571a0002\\r'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CommittedFixture_IsRedacted_AndNamesItsDialect()
    {
        var text = File.ReadAllText(HuaweiReplayScenario.CommittedFixturePath);
        var fixture = CliFixture.Load(HuaweiReplayScenario.CommittedFixturePath);

        Assert.Equal("huawei-vrp", fixture.Dialect);
        Assert.NotEmpty(fixture.Sessions);
        Assert.DoesNotContain("ct-conf-Pw7x", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Simulator.SshFrontOptions.DefaultPassword, text, StringComparison.Ordinal);
    }
}

/// <summary>
/// Records the scenario through real sshd (China Telecom simulator) and replays it; with <c>SPEEDUP_RECORD_FIXTURES=1</c>
/// the recording also replaces the committed fixture (from the lab device when <c>SPEEDUP_CONFORMANCE_LAB</c> names a
/// huawei-cli-ssh one). Without the switch, the committed fixture must still match what the driver sends today.
/// </summary>
public sealed class HuaweiRecordingTests(HuaweiSshTarget target) : IClassFixture<HuaweiSshTarget>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RecordThroughRealSshd_ThenReplay_GivesTheSameResults_AndTheCommittedFixtureIsCurrent()
    {
        var reRecord = Environment.GetEnvironmentVariable(HuaweiReplayScenario.RecordVariable) == "1";
        var lab = LabConfiguration.FromEnvironment();
        var simulatorInputs = HuaweiReplayScenario.Inputs("202.101.172.100", 2500, new LineReference(330100004, "zj0571a0004"), Direction.Down, 150_000);
        var temporary = Path.Combine(Path.GetTempPath(), $"huawei-cli-ssh-{Guid.NewGuid():N}.json");
        try
        {
            var fresh = await HuaweiReplayScenario.RecordAsync(target.CreateChannel(), simulatorInputs, "simulator", temporary, Ct);
            var onDisk = File.ReadAllText(temporary);
            var (results, replay) = await HuaweiReplayScenario.ReplayAsync(CliFixture.Load(temporary), inputs: null, Ct);

            Assert.Equal(fresh.Scenario.OrderBy(p => p.Key, StringComparer.Ordinal), results.OrderBy(p => p.Key, StringComparer.Ordinal));
            Assert.True(replay.IsComplete, replay.FirstMismatch ?? "every recorded write was replayed");
            Assert.DoesNotContain(target.Simulator.SshPassword, onDisk, StringComparison.Ordinal);
            Assert.Equal("330100004 zj0571a0004 2048-3071 up 8000 down 100000", fresh.Scenario["result.find"]);
            Assert.Equal("up 8000 down 150000", fresh.Scenario["result.set"]);
            Assert.Equal(new LineRates(8000, 100000), (await target.ReadEquipmentAsync(new LineReference(330100004, "zj0571a0004"), Ct)).Rates);

            if (reRecord)
            {
                if (lab is { Driver: "huawei-cli-ssh" })
                {
                    var labInputs = HuaweiReplayScenario.Inputs(lab.Line.IpAddress, lab.Line.Port, new LineReference(lab.Line.BandId, lab.Line.Account), null, null);
                    await HuaweiReplayScenario.RecordAsync(lab.ToChannel(), labInputs, "lab", HuaweiReplayScenario.CommittedFixturePath, Ct);
                }
                else
                {
                    fresh.Save(HuaweiReplayScenario.CommittedFixturePath);
                }

                TestContext.Current.TestOutputHelper?.WriteLine("re-recorded " + HuaweiReplayScenario.CommittedFixturePath);
                return;
            }

            var committed = CliFixture.Load(HuaweiReplayScenario.CommittedFixturePath);
            if (committed.Source == "simulator")
            {
                Assert.True(
                    HuaweiReplayScenario.Writes(committed).SequenceEqual(HuaweiReplayScenario.Writes(fresh)),
                    $"The committed fixture no longer matches what the driver sends: re-record it with {HuaweiReplayScenario.RecordVariable}=1 (docs/conformance.md).");
            }
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    [Fact]
    public async Task BlockLiveDevices_RefusesAnythingButLoopback_BeforeConnecting_AndTheSimulatorStillWorks()
    {
        var previous = Environment.GetEnvironmentVariable(LiveDeviceGuard.EnvironmentVariable);
        Environment.SetEnvironmentVariable(LiveDeviceGuard.EnvironmentVariable, "1");
        try
        {
            var live = target.CreateChannel();
            live.Host = "192.0.2.10";
            live.Port = 22;
            var started = System.Diagnostics.Stopwatch.StartNew();
            var driver = target.Factory.Create(live);
            var error = await Assert.ThrowsAsync<DriverException>(() => driver.ReadLineAsync(target.KnownLine.Reference, Ct));
            started.Stop();
            await ((IAsyncDisposable)driver).DisposeAsync();

            var transport = new SshShellTransport(new SshTransportOptions { Host = "bras.example.net", Username = "u", Password = "p" });
            var direct = await Assert.ThrowsAsync<CliException>(() => transport.OpenAsync(Ct));
            await transport.DisposeAsync();

            var simulator = target.Factory.Create(target.CreateChannel());
            var line = await simulator.ReadLineAsync(target.KnownLine.Reference, Ct);
            await ((IAsyncDisposable)simulator).DisposeAsync();

            Assert.Equal(DriverFailure.Unreachable, error.Failure);
            Assert.Contains("SPEEDUP_BLOCK_LIVE_DEVICES", error.Message, StringComparison.Ordinal);
            Assert.Contains("192.0.2.10:22", error.Message, StringComparison.Ordinal);
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(2), $"refused without trying to connect ({started.Elapsed})");
            Assert.Equal(CliFailure.Unreachable, direct.Failure);
            Assert.Contains("bras.example.net:22", direct.Message, StringComparison.Ordinal);
            Assert.Equal(target.KnownLine.Reference.Account, line.Account);
        }
        finally
        {
            Environment.SetEnvironmentVariable(LiveDeviceGuard.EnvironmentVariable, previous);
        }
    }
}
