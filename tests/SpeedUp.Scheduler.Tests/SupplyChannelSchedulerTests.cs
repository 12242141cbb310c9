using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Channels;
using SpeedUp.Core.Errors;
using SpeedUp.Drivers;
using SpeedUp.Testing;

namespace SpeedUp.Scheduler.Tests;

/// <summary>
/// Failover as the scheduler's strategy: the loop over channels, capacity leases, read-before-write after an unknown
/// outcome, and what the caller is told. Two channels (<c>ct-a</c> preferred by priority, <c>ct-b</c>) reach one equipment.
/// </summary>
public sealed class SupplyChannelSchedulerTests : IAsyncDisposable
{
    private static readonly LineReference Line = new(330100001, "zj0571a0001");
    private static readonly ChannelDemand Zhejiang = new(Carrier.ChinaTelecom, "Zhejiang");
    private readonly FakeEquipment _equipment = new();
    private readonly InMemoryCapacityLedger _ledger = new();
    private readonly FakeDriverFactory _factory;
    private readonly SupplyChannelRegistry _registry;
    private readonly SupplyChannelScheduler _scheduler;

    /// <summary>This test's meters (the channels' instruments).</summary>
    private TestMeterFactory Meters { get; } = new();

    public SupplyChannelSchedulerTests()
    {
        var options = new SchedulerOptions();
        options.Channels.Add(FakeDriverFactory.TelecomChannel("ct-a", c =>
        {
            c.Priority = 1;
            c.Capacity.MaxSpeedUps = 1;
            c.Resilience.ReadRetries = 0;
            c.Admission.MaxConcurrentCalls = 1;
            c.Admission.QueueLimitPerCustomer = 0; // a customer's call that would wait is refused at once
        }));
        options.Channels.Add(FakeDriverFactory.TelecomChannel("ct-b", c => { c.Priority = 2; c.Capacity.MaxSpeedUps = 1; c.Resilience.ReadRetries = 0; }));
        _factory = new FakeDriverFactory(_equipment);
        _registry = new SupplyChannelRegistry(Options.Create(options), [_factory], _ledger, new ChannelMetrics(Meters), TimeProvider.System, NullLogger<SupplyChannelRegistry>.Instance);
        _scheduler = new SupplyChannelScheduler(_registry);
        _equipment.Add(new SubscriberLine(Line.BandId, Line.Account, IPAddress.Parse("202.101.172.35"), PortRange.All,
            new LineRates(4000, 50000), new LineCapability(20000, 200000, true)));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private FakeLineDriver A => _factory.Drivers["ct-a"];

    private FakeLineDriver B => _factory.Drivers["ct-b"];

    public async ValueTask DisposeAsync()
    {
        await _registry.DisposeAsync();
        Meters.Dispose();
    }

    /// <summary>The channel's speed-ups in use as the ledger counts them now.</summary>
    private async Task<int> InUseAsync(string channel)
    {
        await _registry.RefreshUsageAsync(Ct);
        return _registry.Channel(channel)!.Capacity.SpeedUpsInUse;
    }

    [Fact]
    public async Task RunAsync_FirstChannelsCallSlotsInUse_RunsOnTheNextWithoutAFaultOrFailover()
    {
        var a = _registry.Channel("ct-a")!;
        using var held = await a.Admission.EnterAsync("someone-else", Ct);

        var channel = await _scheduler.RunAsync(new ChannelRequest("read", Zhejiang, CustomerId: "alpha"), async (attempt, ct) =>
        {
            await attempt.ReadLineAsync(Line, ct);
            return attempt.ChannelName;
        }, Ct);

        Assert.Equal("ct-b", channel);
        Assert.Equal(0, A.Calls);
        Assert.Equal((0L, 0L, 1L), (a.Counters.ChannelFaults, a.Counters.FailoversFrom, a.Counters.RefusedBusy));
        Assert.Empty(_registry.RecentFailovers);
    }

    [Fact]
    public async Task RunAsync_EveryDriversSessionsBusy_IsBusinessLimitControl_AndNoCircuitCountsIt()
    {
        A.FailWith = DriverFailure.Busy;
        B.FailWith = DriverFailure.Busy;

        for (var i = 0; i < 10; i++)
        {
            var error = await Assert.ThrowsAsync<SpeedUpException>(() =>
                _scheduler.RunAsync(new ChannelRequest("read", Zhejiang, CustomerId: "alpha"), (attempt, ct) => attempt.ReadLineAsync(Line, ct), Ct));
            Assert.Equal(ProductErrorCode.BusinessLimitControl, error.Code);
            Assert.Contains("busy", error.Message, StringComparison.Ordinal);
        }

        foreach (var channel in _registry.Channels)
        {
            Assert.Equal((ChannelCircuitState.Closed, 0L, 10L), (channel.Circuit, channel.Counters.ChannelFaults, channel.Counters.RefusedBusy));
        }
    }

    [Fact]
    public async Task RunAsync_FirstChannelUnreachable_RunsOnTheNextAndRecordsTheFailover()
    {
        A.FailWith = DriverFailure.Unreachable;

        var channel = await _scheduler.RunAsync(new ChannelRequest("read", Zhejiang), async (attempt, ct) =>
        {
            await attempt.ReadLineAsync(Line, ct);
            return attempt.ChannelName;
        }, Ct);

        Assert.Equal("ct-b", channel);
        var failover = Assert.Single(_registry.RecentFailovers);
        Assert.Equal(("ct-a", "read", "Unreachable"), (failover.FromChannel, failover.Operation, failover.Reason));
    }

    [Fact]
    public async Task RunAsync_PreferredChannel_IsTriedFirstWhateverThePriority()
    {
        var tried = new List<string>();

        await _scheduler.RunAsync(new ChannelRequest("restore", Zhejiang, PreferredChannel: "ct-b"), (attempt, _) =>
        {
            tried.Add(attempt.ChannelName);
            return Task.FromResult(tried.Count == 2 ? 0 : throw new DriverException(DriverFailure.Timeout, "slow"));
        }, Ct);

        Assert.Equal(["ct-b", "ct-a"], tried);
    }

    [Fact]
    public async Task RunAsync_AnswerAboutTheLine_EndsTheRunWithSystemErrorNamingTheChannelToOperatorsOnly()
    {
        var tried = new List<string>();

        var error = await Assert.ThrowsAsync<SpeedUpException>(() => _scheduler.RunAsync(new ChannelRequest("read", Zhejiang), async (attempt, ct) =>
        {
            tried.Add(attempt.ChannelName);
            return await attempt.ReadLineAsync(new LineReference(1, "nobody"), ct);
        }, Ct));

        Assert.Equal(["ct-a"], tried);
        Assert.Equal(ProductErrorCode.SystemError, error.Code);
        Assert.Equal(FailureKind.Internal, error.Kind);
        Assert.Contains("'ct-a' failed (LineNotFound)", error.OperatorDetail, StringComparison.Ordinal);
        Assert.Equal("The equipment could not read.", error.Message);
        Assert.Empty(_registry.RecentFailovers);
    }

    [Fact]
    public async Task RunAsync_BusinessError_PassesThroughUnchangedAndEndsTheRun()
    {
        var refusal = SpeedUpException.InvalidParameter("not a speed-up");
        var attempts = 0;

        var error = await Assert.ThrowsAsync<SpeedUpException>(() => _scheduler.RunAsync<int>(new ChannelRequest("start", Zhejiang), (_, _) =>
        {
            attempts++;
            throw refusal;
        }, Ct));

        Assert.Same(refusal, error);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task RunAsync_EveryChannelFaulty_IsUnavailableNamingEachToOperatorsOnly()
    {
        A.FailWith = DriverFailure.Unreachable;
        B.FailWith = DriverFailure.Timeout;

        var error = await Assert.ThrowsAsync<SpeedUpException>(() =>
            _scheduler.RunAsync(new ChannelRequest("read band 330100001", Zhejiang), (attempt, ct) => attempt.ReadLineAsync(Line, ct), Ct));

        Assert.Equal(ProductErrorCode.SystemError, error.Code);
        Assert.Equal(FailureKind.Unavailable, error.Kind);
        Assert.Equal("No supply channel could read band 330100001.", error.Message);
        Assert.Contains("'ct-a' Unreachable", error.OperatorDetail, StringComparison.Ordinal);
        Assert.Contains("'ct-b' Timeout", error.OperatorDetail, StringComparison.Ordinal);
        Assert.Contains("'ct-b' Timeout", error.Diagnostic, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EveryChannelFull_IsBusinessLimitControl()
    {
        _ledger.Hold("ct-a", "held-1", 100);
        _ledger.Hold("ct-b", "held-2", 100);

        var error = await Assert.ThrowsAsync<SpeedUpException>(() => _scheduler.RunAsync(new ChannelRequest("start", Zhejiang), async (attempt, _) =>
        {
            await using var lease = await attempt.LeaseCapacityAsync("s1", 100_000, Ct);
            return 0;
        }, Ct));

        Assert.Equal(ProductErrorCode.BusinessLimitControl, error.Code);
        Assert.Equal(FailureKind.ResourceExhausted, error.Kind);
    }

    [Fact]
    public async Task RunAsync_NoChannelServesTheDemand_IsSystemErrorAndCanServeSaysSo()
    {
        var guangdong = new ChannelDemand(Carrier.ChinaTelecom, "Guangdong");

        var error = await Assert.ThrowsAsync<SpeedUpException>(() => _scheduler.RunAsync(new ChannelRequest("read", guangdong), (_, _) => Task.FromResult(0), Ct));

        Assert.False(_scheduler.CanServe(guangdong));
        Assert.True(_scheduler.CanServe(Zhejiang));
        Assert.Equal("No supply channel is able to read.", error.Message);
    }

    [Fact]
    public async Task LeaseCapacity_NotKept_IsGivenBackWhenTheAttemptFails()
    {
        await _scheduler.RunAsync(new ChannelRequest("start", Zhejiang), async (attempt, _) =>
        {
            await using var lease = await attempt.LeaseCapacityAsync("s1", 100_000, Ct);
            return attempt.ChannelName == "ct-a" ? throw new DriverException(DriverFailure.Unreachable, "gone") : 0;
        }, Ct);

        Assert.Equal(0, await InUseAsync("ct-a"));
        Assert.Equal(0, await InUseAsync("ct-b"));
    }

    [Fact]
    public async Task LeaseCapacity_Kept_IsHeldUntilReleaseAndMovesTheSessionOffItsFormerChannel()
    {
        _ledger.Hold("ct-a", "s1", 100);

        await _scheduler.RunAsync(new ChannelRequest("reconcile", Zhejiang, PreferredChannel: "ct-b"), async (attempt, _) =>
        {
            await using var lease = await attempt.LeaseCapacityAsync("s1", 100_000, Ct);
            await lease.KeepAsync(Ct);
            return 0;
        }, Ct);

        Assert.Equal(0, await InUseAsync("ct-a"));
        Assert.Equal(1, await InUseAsync("ct-b"));
        await _scheduler.ReleaseAsync("s1", Ct);
        await _scheduler.ReleaseAsync("s1", Ct);
        Assert.Equal(0, await InUseAsync("ct-b"));
    }

    [Fact]
    public async Task LeaseCapacity_OnTheChannelTheSessionHolds_TakesNothingAndGivesNothingBack()
    {
        _ledger.Hold("ct-a", "s1", 100);

        await _scheduler.RunAsync(new ChannelRequest("restore", Zhejiang, PreferredChannel: "ct-a"), async (attempt, _) =>
        {
            await using var lease = await attempt.LeaseCapacityAsync("s1", 100_000, Ct);
            return 0;
        }, Ct);

        Assert.Equal(1, await InUseAsync("ct-a"));
    }

    [Fact]
    public async Task TryLeaseCapacity_FullChannel_IsNullAndTheAttemptGoesOn()
    {
        _ledger.Hold("ct-b", "other", 100);

        var leased = await _scheduler.RunAsync(new ChannelRequest("reconcile", Zhejiang, PreferredChannel: "ct-b"), async (attempt, _) =>
        {
            await using var lease = await attempt.TryLeaseCapacityAsync("s1", 100_000, Ct);
            return lease is not null;
        }, Ct);

        Assert.False(leased);
        Assert.Equal(1, await InUseAsync("ct-b"));
    }

    [Fact]
    public async Task SetRateAsync_AfterAWriteOfUnknownOutcome_ReadsFirstAndDoesNotWriteAgain()
    {
        A.FailAfterWrite = DriverFailure.Timeout;
        var seen = new List<bool>();

        var rates = await _scheduler.RunAsync(new ChannelRequest("start", Zhejiang), (attempt, ct) =>
        {
            seen.Add(attempt.WriteOutcomeUnknown);
            return attempt.SetRateAsync(Line, Direction.Down, 200_000, ct);
        }, Ct);

        Assert.Equal([false, true], seen);
        Assert.Equal(200_000, rates.DownKbps);
        Assert.Equal([("ct-a", Line.BandId, Direction.Down, 200_000L)], _equipment.Writes);
    }

    [Fact]
    public async Task SetRateAsync_AfterAWriteThatFailedBeforeSending_WritesOnTheNextChannel()
    {
        A.FailWritesWith = DriverFailure.Unreachable;

        await _scheduler.RunAsync(new ChannelRequest("start", Zhejiang), (attempt, ct) => attempt.SetRateAsync(Line, Direction.Down, 200_000, ct), Ct);

        Assert.Equal([("ct-b", Line.BandId, Direction.Down, 200_000L)], _equipment.Writes);
    }
}
