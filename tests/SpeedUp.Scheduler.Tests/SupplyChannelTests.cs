using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SpeedUp.Drivers;
using SpeedUp.Testing;

namespace SpeedUp.Scheduler.Tests;

/// <summary>One channel's guard: the circuit breaker on a fake clock (no real waiting for the break to end).</summary>
public sealed class SupplyChannelTests : IAsyncDisposable
{
    private static readonly LineReference Line = new(330100001, "zj0571a0001");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
    private readonly FakeLineDriver _driver;
    private readonly SupplyChannel _channel;

    /// <summary>This test's meters (the channel's instruments).</summary>
    private TestMeterFactory Meters { get; } = new();

    public SupplyChannelTests()
    {
        var equipment = new FakeEquipment();
        equipment.Add(new SubscriberLine(Line.BandId, Line.Account, IPAddress.Parse("202.101.172.35"), PortRange.All,
            new LineRates(4000, 50000), new LineCapability(20000, 200000, true)));
        _driver = new FakeLineDriver("ct-ssh", equipment);
        var options = FakeDriverFactory.TelecomChannel("ct-ssh", c =>
        {
            c.Resilience.ReadRetries = 0;
            c.Resilience.MinimumThroughput = 2;
            c.Resilience.BreakDuration = TimeSpan.FromSeconds(5);
        });
        _channel = new SupplyChannel(options, _driver, new ChannelMetrics(Meters), _time, NullLogger.Instance);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        Meters.Dispose();
    }

    [Fact]
    public async Task Serves_AnExcludedProvince_IsNotServed()
    {
        var options = FakeDriverFactory.TelecomChannel("ct-moved", c => { c.Provinces.Add("Hunan"); c.ExcludeProvinces.Add("Zhejiang"); });
        await using var channel = new SupplyChannel(options, _driver, new ChannelMetrics(Meters), _time, NullLogger.Instance);

        Assert.False(channel.Serves(Carrier.ChinaTelecom, "Zhejiang", null, null));
        Assert.True(channel.Serves(Carrier.ChinaTelecom, "Hunan", null, null));
        Assert.Equal(["Hunan"], channel.Provinces);
    }

    [Fact]
    public async Task Driver_RepeatedChannelFaults_OpenTheCircuitAndFailFastWithoutReachingTheEquipment()
    {
        await OpenCircuitAsync();
        var callsBefore = _driver.Calls;

        var refused = await Assert.ThrowsAsync<DriverException>(() => _channel.Driver.ReadLineAsync(Line, Ct));

        Assert.Equal(ChannelCircuitState.Open, _channel.Circuit);
        Assert.Equal(DriverFailure.Unreachable, refused.Failure);
        Assert.Contains("circuit breaker", refused.Message, StringComparison.Ordinal);
        Assert.Equal(callsBefore, _driver.Calls);
        Assert.Equal(1, _channel.Counters.CircuitOpened);
    }

    [Fact]
    public async Task ProbeAsync_EveryCallSlotInUse_WaitsAheadOfCustomers_AndWhenNoSlotComesIsSkippedWithoutMarkingTheChannelDown()
    {
        var slots = new List<IDisposable>();
        for (var i = 0; i < _channel.Admission.MaxConcurrentCalls; i++)
        {
            slots.Add((await _channel.Admission.EnterAsync("flooder", Ct))!);
        }

        var customer = _channel.Admission.EnterAsync("flooder", Ct).AsTask();
        var probe = _channel.ProbeAsync(Ct);
        slots[0].Dispose();
        // Had the customer's waiting call taken the freed slot, the probe would wait for ever (the fake clock stands
        // still): it finishes only because it went first. The guard turns that failure into a failed test, not a hang.
        var probed = await probe.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.True(probed.Healthy);
        Assert.Equal("fake", probed.Detail);
        slots[0] = (await customer)!; // the customer's call took the slot the probe gave back: all in use again

        var skipped = _channel.ProbeAsync(Ct);
        _time.Advance(_channel.Options.OperationTimeout + TimeSpan.FromMilliseconds(1));
        var result = await skipped;

        Assert.StartsWith("busy", result.Detail, StringComparison.Ordinal);
        Assert.True(result.Healthy);
        Assert.Equal(ChannelHealthState.Healthy, _channel.Health.State);
        Assert.Equal(ChannelCircuitState.Closed, _channel.Circuit);
        slots.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task ProbeAsync_AfterTheBreak_ClosesTheCircuit()
    {
        await OpenCircuitAsync();
        _driver.FailWith = null;

        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.False((await _channel.ProbeAsync(Ct)).Healthy); // still within the break: refused, nothing sent
        _time.Advance(TimeSpan.FromSeconds(2));
        var probe = await _channel.ProbeAsync(Ct);

        Assert.True(probe.Healthy, probe.Detail);
        Assert.Equal(ChannelCircuitState.Closed, _channel.Circuit);
    }

    [Fact]
    public async Task Driver_AnswerAboutTheLine_KeepsTheCircuitClosed()
    {
        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<DriverException>(() => _channel.Driver.ReadLineAsync(new LineReference(1, "nobody"), Ct));
        }

        Assert.Equal(ChannelCircuitState.Closed, _channel.Circuit);
        Assert.Equal(ChannelHealthState.Healthy, _channel.Health.State);
    }

    private async Task OpenCircuitAsync()
    {
        _driver.FailWith = DriverFailure.Unreachable;
        for (var i = 0; i < 4 && _channel.Circuit == ChannelCircuitState.Closed; i++)
        {
            await Assert.ThrowsAsync<DriverException>(() => _channel.Driver.ReadLineAsync(Line, Ct));
        }

        Assert.Equal(ChannelCircuitState.Open, _channel.Circuit);
    }
}
