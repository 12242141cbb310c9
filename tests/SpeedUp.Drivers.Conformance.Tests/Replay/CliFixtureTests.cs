using System.Net;
using SpeedUp.Drivers.Conformance.Tests.Targets;
using SpeedUp.Protocols.Cli;

namespace SpeedUp.Drivers.Conformance.Tests.Replay;

/// <summary>
/// For each CLI driver: the scenario is recorded through real sshd (the target's simulator) and replayed into the real
/// driver with the same results; the committed fixture (<c>Fixtures/&lt;driver&gt;.json</c>) replays with no network
/// (live devices blocked), holds no secret, and still matches what the driver sends today. With
/// <c>SPEEDUP_RECORD_FIXTURES=1</c> the recording replaces the committed fixture — from the lab device when
/// <c>SPEEDUP_CONFORMANCE_LAB</c> runs that driver (docs/conformance.md).
/// </summary>
public abstract class CliFixtureTests<TTarget>(TTarget target) : IClassFixture<TTarget>
    where TTarget : SimulatorTarget
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected TTarget Target => target;

    /// <summary>The driver under test.</summary>
    protected abstract CliReplaySubject Subject { get; }

    /// <summary>The line the scenario finds, reads, sets and restores.</summary>
    protected virtual ConformanceLine Line => target.KnownLine;

    /// <summary>The downstream rate the scenario sets.</summary>
    protected virtual long RateFor(EquipmentLine before) => DriverConformanceChecks.ChooseRate(before, Direction.Down);

    [Fact]
    public async Task RecordThroughRealSshd_ThenReplay_GivesTheSameResults_AndTheCommittedFixtureIsCurrent()
    {
        var before = await target.ReadEquipmentAsync(Line.Reference, Ct);
        var rate = RateFor(before);
        var inputs = CliReplayScenario.Inputs(Line.Address.ToString(), Line.Port, Line.Reference, Direction.Down, rate);
        var temporary = Path.Combine(Path.GetTempPath(), $"{Subject.Driver}-{Guid.NewGuid():N}.json");
        try
        {
            var fresh = await CliReplayScenario.RecordAsync(Subject, target.CreateChannel(), inputs, "simulator", temporary, Ct);
            var onDisk = File.ReadAllText(temporary);
            var (results, replay) = await CliReplayScenario.ReplayAsync(Subject, CliFixture.Load(temporary), inputs: null, Ct);

            Assert.Equal(fresh.Scenario.OrderBy(p => p.Key, StringComparer.Ordinal), results.OrderBy(p => p.Key, StringComparer.Ordinal));
            Assert.True(replay.IsComplete, replay.FirstMismatch ?? "every recorded write was replayed");
            Assert.DoesNotContain(target.Simulator.SshPassword, onDisk, StringComparison.Ordinal);
            Assert.StartsWith($"{Line.Reference.BandId} {Line.Reference.Account} ", fresh.Scenario["result.find"], StringComparison.Ordinal);
            Assert.Equal($"up {before.Rates.UpKbps} down {rate}", fresh.Scenario["result.set"]);
            Assert.Equal($"up {before.Rates.UpKbps} down {before.Rates.DownKbps}", fresh.Scenario["result.restore"]);
            Assert.Equal(before.Rates, (await target.ReadEquipmentAsync(Line.Reference, Ct)).Rates);

            if (Environment.GetEnvironmentVariable(CliReplayScenario.RecordVariable) == "1")
            {
                await ReRecordAsync(fresh);
                return;
            }

            Assert.True(File.Exists(Subject.CommittedFixturePath),
                $"No committed fixture {Subject.CommittedFixturePath}: record it with {CliReplayScenario.RecordVariable}=1 (docs/conformance.md).");
            var committed = CliFixture.Load(Subject.CommittedFixturePath);
            if (committed.Source == "simulator")
            {
                Assert.True(
                    CliReplayScenario.Writes(committed).SequenceEqual(CliReplayScenario.Writes(fresh)),
                    $"The committed fixture no longer matches what the driver sends: re-record it with {CliReplayScenario.RecordVariable}=1 (docs/conformance.md).");
            }
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    [Fact]
    public async Task CommittedFixture_DrivesTheRealDriver_WithoutNetwork_ToTheRecordedResults_AndHoldsNoSecret()
    {
        var text = File.ReadAllText(Subject.CommittedFixturePath);
        var fixture = CliFixture.Load(Subject.CommittedFixturePath);
        Assert.Equal(Subject.Dialect.Cli.Name, fixture.Dialect);
        Assert.DoesNotContain(target.Simulator.SshPassword, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Simulator.SshFrontOptions.DefaultPassword, text, StringComparison.Ordinal);

        var previous = Environment.GetEnvironmentVariable(LiveDeviceGuard.EnvironmentVariable);
        Environment.SetEnvironmentVariable(LiveDeviceGuard.EnvironmentVariable, "1");
        try
        {
            var (results, replay) = await CliReplayScenario.ReplayAsync(Subject, fixture, inputs: null, Ct);

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

    private async Task ReRecordAsync(CliFixture fresh)
    {
        if (LabConfiguration.FromEnvironment() is { } lab && lab.Driver == Subject.Driver)
        {
            var labInputs = CliReplayScenario.Inputs(lab.Line.IpAddress, lab.Line.Port, new LineReference(lab.Line.BandId, lab.Line.Account), null, null);
            await CliReplayScenario.RecordAsync(Subject, lab.ToChannel(), labInputs, "lab", Subject.CommittedFixturePath, Ct);
        }
        else
        {
            fresh.Save(Subject.CommittedFixturePath);
        }

        TestContext.Current.TestOutputHelper?.WriteLine("re-recorded " + Subject.CommittedFixturePath);
    }
}

/// <summary><c>zte-cli-ssh</c> against the China Unicom simulator's ZTE CLI face.</summary>
public sealed class ZteCliFixtureTests(ZteCliSshTarget target) : CliFixtureTests<ZteCliSshTarget>(target)
{
    protected override CliReplaySubject Subject => CliReplaySubject.ZteCli;
}

/// <summary><c>h3c-cli-ssh</c> (the dialect file alone) against the H3C simulator profile.</summary>
public sealed class H3cFixtureTests(H3cVendorTarget target) : CliFixtureTests<H3cVendorTarget>(target)
{
    protected override CliReplaySubject Subject => CliReplaySubject.H3c;
}

/// <summary><c>huawei-cli-ssh</c> on a CGNAT line (the port picks it), set to 150 Mbit/s as in the first committed fixture.</summary>
public sealed class HuaweiFixtureTests(HuaweiSshTarget target) : CliFixtureTests<HuaweiSshTarget>(target)
{
    protected override CliReplaySubject Subject => CliReplaySubject.Huawei;

    protected override ConformanceLine Line { get; } = new(new LineReference(330100004, "zj0571a0004"), IPAddress.Parse("202.101.172.100"), 2500);

    protected override long RateFor(EquipmentLine before) => 150_000;

    [Fact]
    public async Task BlockLiveDevices_RefusesAnythingButLoopback_BeforeConnecting_AndTheSimulatorStillWorks()
    {
        var previous = Environment.GetEnvironmentVariable(LiveDeviceGuard.EnvironmentVariable);
        Environment.SetEnvironmentVariable(LiveDeviceGuard.EnvironmentVariable, "1");
        try
        {
            var live = Target.CreateChannel();
            live.Host = "192.0.2.10";
            live.Port = 22;
            var started = System.Diagnostics.Stopwatch.StartNew();
            var driver = Target.Factory.Create(live);
            var error = await Assert.ThrowsAsync<DriverException>(() => driver.ReadLineAsync(Target.KnownLine.Reference, Ct));
            started.Stop();
            await ((IAsyncDisposable)driver).DisposeAsync();

            var transport = new SshShellTransport(new SshTransportOptions { Host = "bras.example.net", Username = "u", Password = "p", TargetPolicy = LiveDeviceGuard.RefusalFor });
            var direct = await Assert.ThrowsAsync<CliException>(() => transport.OpenAsync(Ct));
            await transport.DisposeAsync();

            var simulator = Target.Factory.Create(Target.CreateChannel());
            var line = await simulator.ReadLineAsync(Target.KnownLine.Reference, Ct);
            await ((IAsyncDisposable)simulator).DisposeAsync();

            Assert.Equal(DriverFailure.Unreachable, error.Failure);
            Assert.Contains("SPEEDUP_BLOCK_LIVE_DEVICES", error.Message, StringComparison.Ordinal);
            Assert.Contains("192.0.2.10:22", error.Message, StringComparison.Ordinal);
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(2), $"refused without trying to connect ({started.Elapsed})");
            Assert.Equal(CliFailure.Unreachable, direct.Failure);
            Assert.Contains("bras.example.net:22", direct.Message, StringComparison.Ordinal);
            Assert.Equal(Target.KnownLine.Reference.Account, line.Account);
        }
        finally
        {
            Environment.SetEnvironmentVariable(LiveDeviceGuard.EnvironmentVariable, previous);
        }
    }
}
