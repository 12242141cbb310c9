using Microsoft.Extensions.Time.Testing;

namespace SpeedUp.Scheduler.Tests;

/// <summary>
/// A channel's call slots on a fake clock: at most MaxConcurrentCalls run; the service's own work goes first; among
/// customers the one with the fewest calls running goes next; a customer beyond its queue share is refused at once; a
/// wait beyond the queue timeout is refused, never left hanging; per-customer bookkeeping disappears when idle.
/// </summary>
public sealed class ChannelAdmissionTests
{
    private readonly FakeTimeProvider _time = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ChannelAdmission Admission(int max = 2, int queue = 64, int perCustomer = 8) =>
        new(max, queue, perCustomer, TimeSpan.FromSeconds(3), _time);

    [Fact]
    public async Task EnterAsync_UpToTheLimit_AdmitsAtOnce_ThenQueuesAndAdmitsWhenASlotFrees()
    {
        var admission = Admission(max: 2);
        using var first = await admission.EnterAsync("alpha", Ct);
        var second = await admission.EnterAsync("alpha", Ct);
        var third = admission.EnterAsync("alpha", Ct).AsTask();

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.False(third.IsCompleted);
        Assert.Equal((2, 1), (admission.Running, admission.Waiting));

        second!.Dispose();
        using var admitted = await third;
        Assert.NotNull(admitted);
        Assert.Equal((2, 0), (admission.Running, admission.Waiting));
    }

    [Fact]
    public async Task EnterAsync_OneCustomerFloods_AnotherCustomerGetsTheNextFreeSlotAheadOfTheFloodersQueue()
    {
        var admission = Admission(max: 2, perCustomer: 8);
        var running = new[] { await admission.EnterAsync("flooder", Ct), await admission.EnterAsync("flooder", Ct) };
        var flood = Enumerable.Range(0, 8).Select(_ => admission.EnterAsync("flooder", Ct).AsTask()).ToList();
        var other = admission.EnterAsync("quiet", Ct).AsTask();

        running[0]!.Dispose();

        using var quiet = await other;
        Assert.NotNull(quiet);
        Assert.All(flood, f => Assert.False(f.IsCompleted)); // the quiet customer went first though it came last
        running[1]!.Dispose();
        using var next = await flood[0]; // then the flooder's calls, in their order
        Assert.NotNull(next);
        Assert.All(flood.Skip(1), f => Assert.False(f.IsCompleted));
    }

    [Fact]
    public async Task EnterAsync_BeyondTheCustomersQueueShare_IsRefusedAtOnce_WhileAnotherCustomerStillQueues()
    {
        var admission = Admission(max: 1, queue: 64, perCustomer: 2);
        using var running = await admission.EnterAsync("flooder", Ct);
        var queued = new[] { admission.EnterAsync("flooder", Ct).AsTask(), admission.EnterAsync("flooder", Ct).AsTask() };

        var refused = await admission.EnterAsync("flooder", Ct);
        var other = admission.EnterAsync("quiet", Ct).AsTask();

        Assert.Null(refused);
        Assert.False(other.IsCompleted); // queued, not refused
        Assert.Equal(1, admission.Refused);
        Assert.Equal(3, admission.Waiting);
        Assert.All(queued, q => Assert.False(q.IsCompleted));
    }

    [Fact]
    public async Task EnterAsync_WhenTheWholeQueueIsFull_RefusesEveryCustomer()
    {
        var admission = Admission(max: 1, queue: 2, perCustomer: 8);
        using var running = await admission.EnterAsync("a", Ct);
        _ = admission.EnterAsync("a", Ct).AsTask();
        _ = admission.EnterAsync("b", Ct).AsTask();

        Assert.Null(await admission.EnterAsync("c", Ct));
    }

    [Fact]
    public async Task EnterAsync_ServiceWork_GoesBeforeEveryCustomer_AndIsNeverRefusedForTheCustomersQueues()
    {
        var admission = Admission(max: 1, queue: 1, perCustomer: 1);
        var running = await admission.EnterAsync("a", Ct);
        var customer = admission.EnterAsync("b", Ct).AsTask();
        var service = admission.EnterAsync(customerId: null, Ct).AsTask();

        running!.Dispose();

        using var first = await service;
        Assert.NotNull(first);
        Assert.False(customer.IsCompleted);
    }

    [Fact]
    public async Task EnterAsync_NoSlotWithinTheQueueTimeout_IsRefusedAsBusy()
    {
        var admission = Admission(max: 1);
        using var running = await admission.EnterAsync("a", Ct);
        var waiting = admission.EnterAsync("b", Ct).AsTask();

        _time.Advance(TimeSpan.FromSeconds(2.9));
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.2));

        Assert.Null(await waiting);
        Assert.Equal((0, 1L), (admission.Waiting, admission.Refused));
        Assert.Equal(1, admission.ActiveCustomers); // only "a", running
    }

    [Fact]
    public async Task EnterAsync_CancelledWhileWaiting_ThrowsAndGivesItsPlaceUp()
    {
        var admission = Admission(max: 1);
        var running = await admission.EnterAsync("a", Ct);
        using var cancel = new CancellationTokenSource();
        var waiting = admission.EnterAsync("b", cancel.Token).AsTask();
        var after = admission.EnterAsync("c", Ct).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        running!.Dispose();

        using var next = await after;
        Assert.NotNull(next);
        Assert.Equal((1, 0), (admission.Running, admission.Waiting));
    }

    [Fact]
    public async Task EnterAsync_AHundredThousandCustomersComeAndGo_LeavesNoBookkeepingBehind()
    {
        var admission = Admission(max: 4, perCustomer: 1);
        for (var i = 0; i < 100_000; i++)
        {
            using var slot = await admission.EnterAsync($"customer-{i}", Ct);
            Assert.NotNull(slot);
        }

        using var held = await admission.EnterAsync("holder", Ct);
        Assert.Equal(1, admission.ActiveCustomers);
        Assert.Equal((1, 0), (admission.Running, admission.Waiting));
    }

    [Fact]
    public async Task Dispose_Twice_GivesTheSlotBackOnce()
    {
        var admission = Admission(max: 1);
        var slot = await admission.EnterAsync("a", Ct);
        slot!.Dispose();
        slot.Dispose();

        Assert.Equal(0, admission.Running);
    }
}
