using System.Collections.Concurrent;
using SpeedUp.Core.Events;
using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;
using Xunit;
using static SpeedUp.Testing.Storage.StoreSamples;

namespace SpeedUp.Testing.Storage;

/// <summary>
/// The contract of the session-event outbox (<see cref="ISessionEventStore"/>, written by <see cref="ISessionStore"/>):
/// every state change is stored with its event in one write, events read back in commit order per customer, a reader
/// that remembers its last sequence misses nothing while several instances write, and pruning leaves a horizon.
/// </summary>
public abstract class SessionEventStoreContractTests : StoreContractTests
{
    private ISessionStore Sessions => Get<ISessionStore>();

    private ISessionEventStore Events => Get<ISessionEventStore>();

    [Fact]
    public async Task StateChanges_AreStoredWithTheirEvents_InOrder_AndSeenByAnotherInstance()
    {
        var session = Session(330100001, customerId: "c1");
        await Sessions.InsertAsync(session, Ct);
        session.MarkActive(T0.AddSeconds(1));
        await Sessions.UpdateAsync(session, Ct);
        session.Extend(session.DueAt.AddMinutes(30), T0.AddMinutes(5));
        await Sessions.UpdateAsync(session, Ct);
        session.BeginRestore(EndReason.Stopped, T0.AddMinutes(10));
        await Sessions.UpdateAsync(session, Ct);
        session.MarkEnded(T0.AddMinutes(10).AddSeconds(1));
        await Sessions.UpdateAsync(session, Ct);

        Assert.Empty(session.PendingEvents);
        var read = await Get<ISessionEventStore>(await SecondInstanceAsync()).ReadAsync("c1", 0, 100, Ct);
        Assert.Equal([SessionEventKind.Activated, SessionEventKind.Extended, SessionEventKind.Restoring, SessionEventKind.Ended], read.Select(e => e.Kind));
        Assert.True(read.Zip(read.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));
        Assert.Equal(read.Count, read.Select(e => e.EventId).Distinct().Count());

        var extended = read[1];
        Assert.Equal(session.Id, extended.SessionId);
        Assert.Equal(330100001, extended.BandId);
        Assert.Equal(SessionState.Active, extended.State);
        Assert.Equal(T0.AddHours(1).AddMinutes(30), extended.DueAt);
        Assert.Equal(T0.AddMinutes(5), extended.OccurredAt);
        var ended = read[3];
        Assert.Equal(SessionState.Ended, ended.State);
        Assert.Equal(EndReason.Stopped, ended.EndReason);
        Assert.Equal(T0.AddMinutes(10).AddSeconds(1), ended.EndedAt);
        Assert.Equal((200_000L, 50_000L, "game", Direction.Down), (ended.TargetKbps, ended.OriginalKbps, ended.Scene, ended.Direction));

        // The extension's due time is journalled too.
        Assert.Equal(T0.AddHours(1).AddMinutes(30), (await Sessions.FindLatestAsync(330100001, Direction.Down, Ct))!.DueAt);
    }

    [Fact]
    public async Task ReadAsync_ReturnsOnlyTheCustomersEventsAfterThePosition_UpToTheLimit()
    {
        for (var i = 0; i < 3; i++)
        {
            await Sessions.InsertAsync(Session(330100001 + i, customerId: "c1"), Ct);
            await Sessions.InsertAsync(Session(330200001 + i, customerId: "c2"), Ct);
        }

        foreach (var open in await Sessions.ListOpenAsync(Ct))
        {
            open.MarkActive(T0);
            await Sessions.UpdateAsync(open, Ct);
        }

        var all = await Events.ReadAsync("c1", 0, 100, Ct);
        Assert.Equal(3, all.Count);
        Assert.All(all, e => Assert.Equal("c1", e.CustomerId));
        Assert.Equal(all.Skip(1).Select(e => e.EventId), (await Events.ReadAsync("c1", all[0].Sequence, 100, Ct)).Select(e => e.EventId));
        Assert.Single(await Events.ReadAsync("c1", 0, 1, Ct));
        Assert.Empty(await Events.ReadAsync("c3", 0, 100, Ct));
        Assert.Equal(6, (await Events.ReadAsync("c2", 0, 100, Ct)).Count + all.Count);
        Assert.True(await Events.LatestSequenceAsync(Ct) >= all[^1].Sequence);
    }

    [Fact]
    public async Task AnUpdateWithoutAStateChange_WritesNoEvent()
    {
        var session = Session(330100001).Active();
        await Sessions.InsertAsync(session, Ct);
        var before = await Events.LatestSequenceAsync(Ct);

        session.RecordFailure("ct-hz-1: timeout");
        await Sessions.UpdateAsync(session, Ct);

        Assert.Equal(before, await Events.LatestSequenceAsync(Ct));
        Assert.Single(await Events.ReadAsync("c1", 0, 100, Ct)); // the Activated event written with the insert
    }

    [Fact]
    public async Task AReaderFollowingItsLastSequence_MissesNothing_WhileTwoInstancesWriteConcurrently()
    {
        const int PerInstance = 40;
        var second = Get<ISessionStore>(await SecondInstanceAsync());
        var seen = new ConcurrentBag<string>();
        using var writing = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            long position = 0;
            while (true)
            {
                var done = writing.IsCancellationRequested; // read once more after the writers finished
                foreach (var e in await Events.ReadAsync("c1", position, 7, Ct))
                {
                    Assert.True(e.Sequence > position);
                    position = e.Sequence;
                    seen.Add(e.EventId);
                }

                if (done && (await Events.ReadAsync("c1", position, 1, Ct)).Count == 0)
                {
                    return;
                }
            }
        }, Ct);

        async Task WriteAsync(ISessionStore store, long firstBand)
        {
            for (var i = 0; i < PerInstance; i++)
            {
                var session = Session(firstBand + i);
                await store.InsertAsync(session, Ct);
                session.MarkActive(T0);
                await store.UpdateAsync(session, Ct);
            }
        }

        await Task.WhenAll(Task.Run(() => WriteAsync(Sessions, 330100001), Ct), Task.Run(() => WriteAsync(second, 330200001), Ct));
        await writing.CancelAsync();
        await reader;

        var stored = await Events.ReadAsync("c1", 0, 1000, Ct);
        Assert.Equal(2 * PerInstance, stored.Count);
        Assert.Equal(stored.Select(e => e.EventId).Order(), seen.Order());
    }

    [Fact]
    public async Task PruneAsync_DeletesEventsBeforeTheInstant_AndRaisesTheHorizon()
    {
        var old = Session(330100001);
        await Sessions.InsertAsync(old, Ct);
        old.MarkActive(T0);
        await Sessions.UpdateAsync(old, Ct);
        var recent = Session(330100002);
        await Sessions.InsertAsync(recent, Ct);
        recent.MarkActive(T0.AddDays(8));
        await Sessions.UpdateAsync(recent, Ct);
        var latest = await Events.LatestSequenceAsync(Ct);
        Assert.Equal(0, await Events.PrunedThroughAsync(Ct));

        Assert.Equal(1, await Events.PruneAsync(T0.AddDays(7), Ct));

        var left = Assert.Single(await Events.ReadAsync("c1", 0, 100, Ct));
        Assert.Equal(recent.Id, left.SessionId);
        Assert.True(await Events.PrunedThroughAsync(Ct) >= 1);
        Assert.True(await Events.PrunedThroughAsync(Ct) < left.Sequence);
        Assert.Equal(latest, await Events.LatestSequenceAsync(Ct));
        Assert.Equal(0, await Events.PruneAsync(T0.AddDays(7), Ct));
    }

    [Fact]
    public async Task ACommittedEvent_WakesThisInstancesWatchers()
    {
        var signal = Get<SessionEventSignal>();
        var session = Session(330100001);
        await Sessions.InsertAsync(session, Ct);
        var next = signal.NextAsync();
        Assert.False(next.IsCompleted);

        session.MarkActive(T0);
        await Sessions.UpdateAsync(session, Ct);

        Assert.True(next.IsCompleted);
    }
}
