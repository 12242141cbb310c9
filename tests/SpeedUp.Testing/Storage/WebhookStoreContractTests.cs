using System.Collections.Concurrent;
using SpeedUp.Core.Events;
using SpeedUp.Core.Sessions;
using SpeedUp.Core.Webhooks;
using Xunit;
using static SpeedUp.Testing.Storage.StoreSamples;

namespace SpeedUp.Testing.Storage;

/// <summary>
/// The contract of <see cref="IWebhookStore"/>: a sink receives its customer's events committed after its registration,
/// fan-out queues each event once per sink whoever runs it, a claimed delivery is not claimed by another instance until
/// its lease lapses, attempts are recorded only by the claim's holder, listings are newest-attempt first and replays put
/// deliveries back to pending.
/// </summary>
public abstract class WebhookStoreContractTests : StoreContractTests
{
    private static long s_band = 330100001;

    private IWebhookStore Webhooks => Get<IWebhookStore>();

    private ISessionStore Sessions => Get<ISessionStore>();

    [Fact]
    public async Task CreateSink_StartsAfterTheNewestEvent_AndIsListedFoundAndDeleted()
    {
        await EventAsync("c1");
        var latest = await Get<ISessionEventStore>().LatestSequenceAsync(Ct);
        var sink = await Webhooks.CreateSinkAsync(Sink("c1"), Ct);

        Assert.Equal(latest, sink.AfterSequence);
        var found = await Get<IWebhookStore>(await SecondInstanceAsync()).FindSinkAsync(sink.Id, Ct);
        Assert.NotNull(found);
        Assert.Equal((sink.CustomerId, sink.Url, sink.CreatedAt), (found.CustomerId, found.Url, found.CreatedAt));
        Assert.Equal(sink.ProtectedSecret, found.ProtectedSecret);
        Assert.Equal([sink.Id], (await Webhooks.ListSinksAsync("c1", Ct)).Select(s => s.Id));
        Assert.Empty(await Webhooks.ListSinksAsync("c2", Ct));

        Assert.True(await Webhooks.SetSecretAsync(sink.Id, [9, 9, 9], Ct));
        Assert.Equal([9, 9, 9], (await Webhooks.FindSinkAsync(sink.Id, Ct))!.ProtectedSecret);

        Assert.True(await Webhooks.DeleteSinkAsync(sink.Id, Ct));
        Assert.False(await Webhooks.DeleteSinkAsync(sink.Id, Ct));
        Assert.Null(await Webhooks.FindSinkAsync(sink.Id, Ct));
        Assert.False(await Webhooks.SetSecretAsync(sink.Id, [1], Ct));
    }

    [Fact]
    public async Task FanOut_QueuesEachEventOfTheCustomerOncePerSink_OnlyAfterRegistration()
    {
        await EventAsync("c1"); // before the sinks: not delivered
        var a = await Webhooks.CreateSinkAsync(Sink("c1"), Ct);
        var b = await Webhooks.CreateSinkAsync(Sink("c1"), Ct);
        var other = await Webhooks.CreateSinkAsync(Sink("c2"), Ct);
        var first = await EventAsync("c1");
        var second = await EventAsync("c1");
        await EventAsync("c3");

        Assert.Equal(4, await Webhooks.FanOutAsync(T0, 1000, Ct));
        Assert.Equal(0, await Get<IWebhookStore>(await SecondInstanceAsync()).FanOutAsync(T0, 1000, Ct));

        foreach (var sink in new[] { a, b })
        {
            var deliveries = await Webhooks.ListDeliveriesAsync(sink.Id, null, 10, Ct);
            Assert.Equal([second.Sequence, first.Sequence], deliveries.Select(d => d.Sequence));
            Assert.All(deliveries, d => Assert.Equal((WebhookDeliveryState.Pending, 0, T0), (d.State, d.Attempts, d.NextAttemptAt)));
            Assert.Equal(second.EventId, deliveries[0].EventId);
        }

        Assert.Empty(await Webhooks.ListDeliveriesAsync(other.Id, null, 10, Ct));
        var third = await EventAsync("c1");
        Assert.Equal(2, await Webhooks.FanOutAsync(T0, 1000, Ct));
        Assert.Equal(third.Sequence, (await Webhooks.ListDeliveriesAsync(a.Id, null, 1, Ct)).Single().Sequence);
    }

    [Fact]
    public async Task FanOut_Limit_QueuesInSteps_WithoutSkipping()
    {
        var sink = await Webhooks.CreateSinkAsync(Sink("c1"), Ct);
        for (var i = 0; i < 5; i++)
        {
            await EventAsync("c1");
        }

        Assert.Equal(2, await Webhooks.FanOutAsync(T0, 2, Ct));
        Assert.Equal(2, await Webhooks.FanOutAsync(T0, 2, Ct));
        Assert.Equal(1, await Webhooks.FanOutAsync(T0, 2, Ct));
        Assert.Equal(5, (await Webhooks.ListDeliveriesAsync(sink.Id, null, 10, Ct)).Count);
    }

    [Fact]
    public async Task FanOut_ByTwoInstancesWhileEventsAreWritten_QueuesEveryEventExactlyOnce()
    {
        var sink = await Webhooks.CreateSinkAsync(Sink("c1"), Ct);
        var second = Get<IWebhookStore>(await SecondInstanceAsync());
        using var writing = new CancellationTokenSource();
        var queued = 0;
        async Task FanOutUntilDoneAsync(IWebhookStore store)
        {
            while (true)
            {
                var done = writing.IsCancellationRequested;
                Interlocked.Add(ref queued, await store.FanOutAsync(T0, 3, Ct));
                if (done && await store.FanOutAsync(T0, 1000, Ct) is var last)
                {
                    Interlocked.Add(ref queued, last);
                    return;
                }
            }
        }

        var fanning = new[] { Task.Run(() => FanOutUntilDoneAsync(Webhooks), Ct), Task.Run(() => FanOutUntilDoneAsync(second), Ct) };
        var written = new List<SessionEvent>();
        for (var i = 0; i < 30; i++)
        {
            written.Add(await EventAsync("c1"));
        }

        await writing.CancelAsync();
        await Task.WhenAll(fanning);
        Assert.Equal(30, queued);
        Assert.Equal(written.Select(e => e.Sequence).Order(), (await Webhooks.ListDeliveriesAsync(sink.Id, null, 100, Ct)).Select(d => d.Sequence).Order());
    }

    [Fact]
    public async Task ClaimDue_GivesEachDeliveryToOneInstance_UntilTheLeaseLapses_WithTheEventAndSink()
    {
        var sink = await Webhooks.CreateSinkAsync(Sink("c1"), Ct);
        var e = await EventAsync("c1");
        await EventAsync("c1");
        await Webhooks.FanOutAsync(T0, 1000, Ct);
        var other = Get<IWebhookStore>(await SecondInstanceAsync());

        var mine = await Webhooks.ClaimDueAsync("i1", T0, TimeSpan.FromSeconds(60), 1, Ct);
        var theirs = await other.ClaimDueAsync("i2", T0, TimeSpan.FromSeconds(60), 10, Ct);
        Assert.Single(mine);
        Assert.Single(theirs);
        Assert.NotEqual(mine[0].Sequence, theirs[0].Sequence);
        Assert.Empty(await other.ClaimDueAsync("i3", T0.AddSeconds(59), TimeSpan.FromSeconds(60), 10, Ct));

        var claimed = mine.Concat(theirs).Single(d => d.Sequence == e.Sequence);
        Assert.Equal((sink.Id, sink.Url, 0), (claimed.Sink.Id, claimed.Sink.Url, claimed.Attempts));
        Assert.Equal(sink.ProtectedSecret, claimed.Sink.ProtectedSecret);
        Assert.Equal((e.EventId, e.SessionId, SessionEventKind.Activated), (claimed.Event!.EventId, claimed.Event.SessionId, claimed.Event.Kind));

        // i1 died: its claim is taken over once the lease lapsed.
        var takenOver = await other.ClaimDueAsync("i2", T0.AddSeconds(61), TimeSpan.FromSeconds(60), 10, Ct);
        Assert.Contains(mine[0].Sequence, takenOver.Select(d => d.Sequence));
        Assert.False(await Webhooks.RecordAttemptAsync("i1", Delivered(sink.Id, mine[0].Sequence, T0.AddSeconds(62)), Ct));
        Assert.True(await other.RecordAttemptAsync("i2", Delivered(sink.Id, mine[0].Sequence, T0.AddSeconds(62)), Ct));
        Assert.False(await other.RecordAttemptAsync("i2", Delivered(sink.Id, mine[0].Sequence, T0.AddSeconds(63)), Ct));
    }

    [Fact]
    public async Task RecordAttempt_Retry_IsDueAgainOnlyAtItsTime_ThenDeliveredOrDeadLettered()
    {
        var sink = await Webhooks.CreateSinkAsync(Sink("c1"), Ct);
        var e = await EventAsync("c1");
        await Webhooks.FanOutAsync(T0, 1000, Ct);
        await Webhooks.ClaimDueAsync("i1", T0, TimeSpan.FromSeconds(60), 10, Ct);

        Assert.True(await Webhooks.RecordAttemptAsync("i1",
            new WebhookAttempt(sink.Id, e.Sequence, T0.AddSeconds(1), WebhookDeliveryState.Pending, T0.AddSeconds(30), 503, "HTTP 503"), Ct));
        Assert.Empty(await Webhooks.ClaimDueAsync("i1", T0.AddSeconds(29), TimeSpan.FromSeconds(60), 10, Ct));
        var again = Assert.Single(await Webhooks.ClaimDueAsync("i1", T0.AddSeconds(30), TimeSpan.FromSeconds(60), 10, Ct));
        Assert.Equal(1, again.Attempts);

        var longError = new string('x', 500);
        Assert.True(await Webhooks.RecordAttemptAsync("i1",
            new WebhookAttempt(sink.Id, e.Sequence, T0.AddSeconds(31), WebhookDeliveryState.DeadLettered, T0.AddSeconds(31), null, longError), Ct));
        var listed = Assert.Single(await Webhooks.ListDeliveriesAsync(sink.Id, WebhookDeliveryState.DeadLettered, 10, Ct));
        Assert.Equal((2, (int?)null, T0.AddSeconds(31)), (listed.Attempts, listed.LastStatus, listed.LastAttemptAt));
        Assert.Equal(WebhookAttempt.MaxErrorLength, listed.LastError!.Length);
        Assert.Empty(await Webhooks.ListDeliveriesAsync(sink.Id, WebhookDeliveryState.Pending, 10, Ct));
        Assert.Empty(await Webhooks.ClaimDueAsync("i1", T0.AddHours(1), TimeSpan.FromSeconds(60), 10, Ct));
    }

    [Fact]
    public async Task ListDeliveries_LatestAttemptsFirst_FilteredAndBounded()
    {
        var sink = await Webhooks.CreateSinkAsync(Sink("c1"), Ct);
        var events = new List<SessionEvent>();
        for (var i = 0; i < 4; i++)
        {
            events.Add(await EventAsync("c1"));
        }

        await Webhooks.FanOutAsync(T0, 1000, Ct);
        await Webhooks.ClaimDueAsync("i1", T0, TimeSpan.FromSeconds(60), 10, Ct);
        await Webhooks.RecordAttemptAsync("i1", Delivered(sink.Id, events[2].Sequence, T0.AddSeconds(5)), Ct);
        await Webhooks.RecordAttemptAsync("i1", Delivered(sink.Id, events[0].Sequence, T0.AddSeconds(9)), Ct);

        var all = await Webhooks.ListDeliveriesAsync(sink.Id, null, 10, Ct);
        Assert.Equal([events[0].Sequence, events[2].Sequence, events[3].Sequence, events[1].Sequence], all.Select(d => d.Sequence));
        Assert.Equal([events[0].Sequence, events[2].Sequence], (await Webhooks.ListDeliveriesAsync(sink.Id, WebhookDeliveryState.Delivered, 10, Ct)).Select(d => d.Sequence));
        Assert.Equal(2, (await Webhooks.ListDeliveriesAsync(sink.Id, null, 2, Ct)).Count);
    }

    [Fact]
    public async Task Replay_AllDeadLettered_OrNamedSequences_BackToPendingWithNoAttempts()
    {
        var sink = await Webhooks.CreateSinkAsync(Sink("c1"), Ct);
        var events = new List<SessionEvent>();
        for (var i = 0; i < 3; i++)
        {
            events.Add(await EventAsync("c1"));
        }

        await Webhooks.FanOutAsync(T0, 1000, Ct);
        await Webhooks.ClaimDueAsync("i1", T0, TimeSpan.FromSeconds(60), 10, Ct);
        await Webhooks.RecordAttemptAsync("i1", new WebhookAttempt(sink.Id, events[0].Sequence, T0, WebhookDeliveryState.DeadLettered, T0, 500, "HTTP 500"), Ct);
        await Webhooks.RecordAttemptAsync("i1", new WebhookAttempt(sink.Id, events[1].Sequence, T0, WebhookDeliveryState.DeadLettered, T0, 500, "HTTP 500"), Ct);
        await Webhooks.RecordAttemptAsync("i1", Delivered(sink.Id, events[2].Sequence, T0), Ct);

        Assert.Equal(2, await Webhooks.ReplayAsync(sink.Id, [], T0.AddMinutes(1), Ct));
        var pending = await Webhooks.ListDeliveriesAsync(sink.Id, WebhookDeliveryState.Pending, 10, Ct);
        Assert.Equal(2, pending.Count);
        Assert.All(pending, d => Assert.Equal((0, T0.AddMinutes(1), (int?)500), (d.Attempts, d.NextAttemptAt, d.LastStatus)));
        Assert.Equal(0, await Webhooks.ReplayAsync(sink.Id, [], T0.AddMinutes(1), Ct));

        Assert.Equal(1, await Webhooks.ReplayAsync(sink.Id, [events[2].Sequence, 999_999], T0.AddMinutes(2), Ct));
        Assert.Equal(3, (await Webhooks.ClaimDueAsync("i2", T0.AddMinutes(2), TimeSpan.FromSeconds(60), 10, Ct)).Count);
        Assert.Equal(0, await Webhooks.ReplayAsync("whk_000000000000000000000000", [], T0, Ct));
    }

    [Fact]
    public async Task ClaimDue_EventPrunedFromTheOutbox_ComesWithoutItsEvent()
    {
        var sink = await Webhooks.CreateSinkAsync(Sink("c1"), Ct);
        await EventAsync("c1", T0.AddDays(-10));
        await Webhooks.FanOutAsync(T0, 1000, Ct);
        Assert.Equal(1, await Get<ISessionEventStore>().PruneAsync(T0.AddDays(-1), Ct));

        var claimed = Assert.Single(await Webhooks.ClaimDueAsync("i1", T0, TimeSpan.FromSeconds(60), 10, Ct));
        Assert.Null(claimed.Event);
        Assert.Equal(sink.Id, claimed.Sink.Id);
        Assert.Null(Assert.Single(await Webhooks.ListDeliveriesAsync(sink.Id, null, 10, Ct)).EventId);
    }

    [Fact]
    public async Task PruningEvents_DropsTheirDeliveredDeliveries_KeepsTheOthers()
    {
        var sink = await Webhooks.CreateSinkAsync(Sink("c1"), Ct);
        var delivered = await EventAsync("c1", T0.AddDays(-10));
        var dead = await EventAsync("c1", T0.AddDays(-10));
        var recent = await EventAsync("c1");
        await Webhooks.FanOutAsync(T0, 1000, Ct);
        await Webhooks.ClaimDueAsync("i1", T0, TimeSpan.FromSeconds(60), 10, Ct);
        await Webhooks.RecordAttemptAsync("i1", Delivered(sink.Id, delivered.Sequence, T0), Ct);
        await Webhooks.RecordAttemptAsync("i1", new WebhookAttempt(sink.Id, dead.Sequence, T0, WebhookDeliveryState.DeadLettered, T0, 500, "HTTP 500"), Ct);
        await Webhooks.RecordAttemptAsync("i1", Delivered(sink.Id, recent.Sequence, T0), Ct);

        Assert.Equal(2, await Get<ISessionEventStore>().PruneAsync(T0.AddDays(-1), Ct));

        Assert.Equal([recent.Sequence, dead.Sequence], (await Webhooks.ListDeliveriesAsync(sink.Id, null, 10, Ct)).Select(d => d.Sequence).Order().Reverse());
    }

    [Fact]
    public async Task DeleteSink_DropsItsDeliveries()
    {
        var sink = await Webhooks.CreateSinkAsync(Sink("c1"), Ct);
        await EventAsync("c1");
        await Webhooks.FanOutAsync(T0, 1000, Ct);
        Assert.True(await Webhooks.DeleteSinkAsync(sink.Id, Ct));

        Assert.Empty(await Webhooks.ClaimDueAsync("i1", T0, TimeSpan.FromSeconds(60), 10, Ct));
        Assert.Empty(await Webhooks.ListDeliveriesAsync(sink.Id, null, 10, Ct));
    }

    private static WebhookSink Sink(string customerId) =>
        new(WebhookSecrets.NewSinkId(), customerId, "https://hooks.example.com/speedup?x=1", [1, 2, 3, 4], T0, 0);

    private static WebhookAttempt Delivered(string sinkId, long sequence, DateTimeOffset at) =>
        new(sinkId, sequence, at, WebhookDeliveryState.Delivered, at, 204, null);

    /// <summary>One Activated event of a new session of the customer; returns it as stored.</summary>
    private async Task<SessionEvent> EventAsync(string customerId, DateTimeOffset? at = null)
    {
        var session = Session(Interlocked.Increment(ref s_band), customerId: customerId, startedAt: at).Active();
        await Sessions.InsertAsync(session, Ct);
        var events = await Get<ISessionEventStore>().ReadAsync(customerId, 0, 100_000, Ct);
        return events.Last(e => e.SessionId == session.Id);
    }
}
