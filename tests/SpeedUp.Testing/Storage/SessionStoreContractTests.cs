using System.Net;
using SpeedUp.Core.Orders;
using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;
using Xunit;
using static SpeedUp.Testing.Storage.StoreSamples;

namespace SpeedUp.Testing.Storage;

/// <summary>
/// The contract of <see cref="ISessionStore"/>: the journal, one open session per line and direction, and restore claims
/// that let several instances sweep without restoring the same session twice.
/// </summary>
public abstract class SessionStoreContractTests : StoreContractTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    private ISessionStore Sessions => Get<ISessionStore>();

    [Fact]
    public async Task InsertAsync_ThenFind_ReturnsEveryJournalledField()
    {
        var session = Session(330100001, Direction.Down, customerId: "c1", clientRequestId: "req-1", uses: [new OrderUse("LX1", 0, 60)]);

        await Sessions.InsertAsync(session, Ct);

        AssertSameSession(session, await Sessions.FindOpenAsync(330100001, Direction.Down, Ct));
        AssertSameSession(session, await Sessions.FindLatestAsync(330100001, Direction.Down, Ct));
        AssertSameSession(session, Assert.Single(await Sessions.FindLatestPerDirectionAsync("c1", 330100001, Ct)));
        Assert.Empty(await Sessions.FindLatestPerDirectionAsync("c2", 330100001, Ct)); // another customer's line history is not theirs
        Assert.Null(await Sessions.FindOpenAsync(330100001, Direction.Up, Ct));
        Assert.Null(await Sessions.FindLatestAsync(330100002, Direction.Down, Ct));
    }

    [Fact]
    public async Task InsertAsync_LineAlreadyOpenInThatDirection_ThrowsSessionConflictAndKeepsTheFirst()
    {
        var first = Session(330100001, Direction.Down);
        await Sessions.InsertAsync(first, Ct);

        await Assert.ThrowsAsync<SessionConflictException>(() => Sessions.InsertAsync(Session(330100001, Direction.Down, startedAt: T0.AddMinutes(1)), Ct));
        var otherDirection = Session(330100001, Direction.Up);
        await Sessions.InsertAsync(otherDirection, Ct); // the other direction is another session

        Assert.Equal(first.Id, (await Sessions.FindOpenAsync(330100001, Direction.Down, Ct))?.Id);
        Assert.Equal(otherDirection.Id, (await Sessions.FindOpenAsync(330100001, Direction.Up, Ct))?.Id);
        Assert.Equal(2, (await Sessions.ListOpenAsync(Ct)).Count);
    }

    [Fact]
    public async Task InsertAsync_AfterTheOpenSessionEnded_JournalsTheNewOneAsLatest()
    {
        var first = Session(330100001, customerId: "c1");
        await Sessions.InsertAsync(first, Ct);
        await Sessions.UpdateAsync(first.Active().Ended(T0.AddMinutes(30)), Ct);

        var second = Session(330100001, startedAt: T0.AddMinutes(40), customerId: "c2");
        await Sessions.InsertAsync(second, Ct);

        Assert.Equal(second.Id, (await Sessions.FindOpenAsync(330100001, Direction.Down, Ct))?.Id);
        Assert.Equal(second.Id, (await Sessions.FindLatestAsync(330100001, Direction.Down, Ct))?.Id);
        AssertSameSession(first, Assert.Single(await Sessions.FindLatestPerDirectionAsync("c1", 330100001, Ct))); // c1's latest is the ended one
    }

    [Fact]
    public async Task FindLatestPerDirectionAsync_ReturnsTheCustomersLatestUpAndDown_NotOtherLinesOrCustomers()
    {
        var oldUp = Session(330100001, Direction.Up, customerId: "c1");
        await Sessions.InsertAsync(oldUp, Ct);
        await Sessions.UpdateAsync(oldUp.Active().Ended(T0.AddMinutes(10)), Ct);
        var up = Session(330100001, Direction.Up, startedAt: T0.AddMinutes(20), customerId: "c1");
        await Sessions.InsertAsync(up, Ct);
        var down = Session(330100001, Direction.Down, startedAt: T0.AddMinutes(5), customerId: "c1");
        await Sessions.InsertAsync(down, Ct);
        await Sessions.InsertAsync(Session(330100002, Direction.Up, startedAt: T0.AddMinutes(30), customerId: "c1"), Ct);
        await Sessions.UpdateAsync(up.Active().Ended(T0.AddMinutes(25)), Ct);
        await Sessions.InsertAsync(Session(330100001, Direction.Up, startedAt: T0.AddMinutes(40), customerId: "c2"), Ct);

        var latest = await Sessions.FindLatestPerDirectionAsync("c1", 330100001, Ct);

        Assert.Equal(2, latest.Count);
        Assert.Equal(up.Id, Assert.Single(latest, s => s.Direction == Direction.Up).Id);
        Assert.Equal(down.Id, Assert.Single(latest, s => s.Direction == Direction.Down).Id);
    }

    [Fact]
    public async Task InsertAsync_SameLineFromTwoInstancesAtOnce_ExactlyOneIsJournalled()
    {
        var second = await SecondInstanceAsync();
        for (var round = 0; round < 5; round++)
        {
            long bandId = 330100100 + round;
            var attempts = new[] { Sessions, Get<ISessionStore>(second) }
                .Select(store => Task.Run(async () =>
                {
                    try
                    {
                        await store.InsertAsync(Session(bandId), Ct);
                        return true;
                    }
                    catch (SessionConflictException)
                    {
                        return false;
                    }
                }, Ct));

            var outcomes = await Task.WhenAll(attempts);

            Assert.Single(outcomes, inserted => inserted);
            Assert.NotNull(await Sessions.FindOpenAsync(bandId, Direction.Down, Ct));
        }

        Assert.Equal(5, (await Sessions.ListOpenAsync(Ct)).Count);
    }

    [Fact]
    public async Task FindByClientRequestAsync_RetryAfterAFailedApply_ReturnsTheCustomersSessionsLatestFirst()
    {
        var failed = Session(330100001, customerId: "c1", clientRequestId: "req-1");
        await Sessions.InsertAsync(failed, Ct);
        await Sessions.UpdateAsync(failed.Restoring(EndReason.ApplyFailed).Ended(T0.AddSeconds(5), EndReason.ApplyFailed), Ct);
        var retry = Session(330100001, startedAt: T0.AddMinutes(1), customerId: "c1", clientRequestId: "req-1");
        await Sessions.InsertAsync(retry, Ct);
        await Sessions.InsertAsync(Session(330100002, customerId: "c2", clientRequestId: "req-1"), Ct); // same id, other customer
        await Sessions.InsertAsync(Session(330100003, customerId: "c1", clientRequestId: "req-2"), Ct);

        var found = await Sessions.FindByClientRequestAsync("c1", "req-1", Ct);

        Assert.Equal([retry.Id, failed.Id], found.Select(s => s.Id));
        AssertSameSession(failed, found[1]);
        Assert.Empty(await Sessions.FindByClientRequestAsync("c3", "req-1", Ct));
    }

    [Fact]
    public async Task UpdateAsync_PersistsStateChannelErrorAndUncertainWrite_SeenByAnotherInstance()
    {
        var session = Session(330100001, channel: "ct-hz-1");
        await Sessions.InsertAsync(session, Ct);
        var other = Get<ISessionStore>(await SecondInstanceAsync());

        session.MarkActive(session.StartedAt);
        session.MoveTo("ct-hz-2");
        session.RecordFailure("ct-hz-1: connection reset");
        session.MarkUncertainWrite();
        await Sessions.UpdateAsync(session, Ct);

        var active = await other.FindOpenAsync(330100001, Direction.Down, Ct);
        AssertSameSession(session, active);
        Assert.Equal((SessionState.Active, "ct-hz-2", true), (active!.State, active.ChannelName, active.UncertainWrite));

        await Sessions.UpdateAsync(session.Restoring(EndReason.Stopped).Ended(T0.AddMinutes(10)), Ct);

        Assert.Null(await other.FindOpenAsync(330100001, Direction.Down, Ct));
        var ended = await other.FindLatestAsync(330100001, Direction.Down, Ct);
        AssertSameSession(session, ended);
        Assert.Equal((SessionState.Ended, EndReason.Stopped, T0.AddMinutes(10)), (ended!.State, ended.EndReason, ended.EndedAt));
    }

    [Fact]
    public async Task ListOpenAsync_ReturnsEverySessionNotEnded_OldestFirst_AndCountOpenAsyncCountsThem()
    {
        var late = Session(330100001, startedAt: T0.AddMinutes(20)).Active();
        var early = Session(330100002, startedAt: T0);
        var middle = Session(330100003, startedAt: T0.AddMinutes(10)).Restoring();
        var ended = Session(330100004, startedAt: T0.AddMinutes(5)).Ended(T0.AddMinutes(6));
        foreach (var session in new[] { late, early, middle, ended })
        {
            await Sessions.InsertAsync(session, Ct);
        }

        var open = await Sessions.ListOpenAsync(Ct);

        Assert.Equal([early.Id, middle.Id, late.Id], open.Select(s => s.Id));
        Assert.Equal([SessionState.Applying, SessionState.Restoring, SessionState.Active], open.Select(s => s.State));
        var counts = await Sessions.CountOpenAsync(Ct); // what the open-sessions gauge reads: counted by the store
        Assert.Equal(
            [(Carrier.ChinaTelecom, SessionState.Active, 1), (Carrier.ChinaTelecom, SessionState.Applying, 1), (Carrier.ChinaTelecom, SessionState.Restoring, 1)],
            counts.Select(c => (c.Key.Carrier, c.Key.State, c.Value)).OrderBy(c => c.State.ToString(), StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListActiveDueAfterAsync_PagesThroughTheActiveSessionsNotDue_InDueTimeThenIdOrder_EachOnce()
    {
        // Seven active sessions, three of them due at the same instant (the id breaks the tie), one due at the cut-off
        // (not after it: left out), and sessions in other states (left out).
        var cutOff = T0.AddMinutes(30);
        var active = new List<SpeedUpSession>();
        for (var i = 0; i < 7; i++)
        {
            var duration = TimeSpan.FromMinutes(i < 3 ? 45 : 40 + i * 5);
            active.Add(Session(330100001 + i, startedAt: T0, duration: duration, id: $"s{(7 - i) % 7}-{i}").Active());
        }

        var atCutOff = Session(330100010, startedAt: T0, duration: TimeSpan.FromMinutes(30)).Active();
        var applying = Session(330100011, startedAt: T0, duration: TimeSpan.FromMinutes(50));
        var restoring = Session(330100012, startedAt: T0, duration: TimeSpan.FromMinutes(50)).Restoring();
        var ended = Session(330100013, startedAt: T0, duration: TimeSpan.FromMinutes(50)).Ended(T0.AddMinutes(1));
        foreach (var session in active.Concat([atCutOff, applying, restoring, ended]))
        {
            await Sessions.InsertAsync(session, Ct);
        }

        var pages = new List<IReadOnlyList<SpeedUpSession>>();
        SpeedUpSession? last = null;
        do
        {
            pages.Add(await Sessions.ListActiveDueAfterAsync(cutOff, last, 3, Ct));
            last = pages[^1].LastOrDefault();
        }
        while (pages[^1].Count == 3);

        var expected = active.OrderBy(s => s.DueAt).ThenBy(s => s.Id, StringComparer.Ordinal).Select(s => s.Id).ToList();
        Assert.Equal([3, 3, 1], pages.Select(p => p.Count));
        Assert.Equal(expected, pages.SelectMany(p => p).Select(s => s.Id));
        Assert.Equal(7, await Sessions.CountActiveDueAfterAsync(cutOff, Ct));
        Assert.Equal(4, await Sessions.CountActiveDueAfterAsync(T0.AddMinutes(50), Ct)); // due at 55, 60, 65 and 70 min
        Assert.Empty(await Sessions.ListActiveDueAfterAsync(T0.AddHours(2), null, 3, Ct));
    }

    [Fact]
    public async Task ListOpenAsync_WithAFilter_ReturnsTheOldestMatchesUpToTheLimit_AndHowManyMoreMatched()
    {
        var sessions = new[]
        {
            Session(330100001, startedAt: T0.AddMinutes(3), customerId: "c1").Active(),
            Session(330100002, startedAt: T0.AddMinutes(1), customerId: "c1"),
            Session(330100003, startedAt: T0.AddMinutes(2), customerId: "c2").Restoring(),
            Session(330100001, Direction.Up, startedAt: T0, customerId: "c1").Active(),
            Session(330100004, startedAt: T0, customerId: "c1").Ended(T0.AddMinutes(1)), // ended: never listed
        };
        foreach (var session in sessions)
        {
            await Sessions.InsertAsync(session, Ct);
        }

        var firstTwo = await Sessions.ListOpenAsync(new SessionFilter(null, null, null), 2, Ct);
        var ofC1 = await Sessions.ListOpenAsync(new SessionFilter(null, null, "c1"), 10, Ct);
        var ofLine = await Sessions.ListOpenAsync(new SessionFilter(330100001, IPAddress.Parse("202.101.172.35"), "c1"), 1, Ct);

        Assert.Equal([sessions[3].Id, sessions[1].Id], firstTwo.Sessions.Select(s => s.Id));
        Assert.Equal(2, firstTwo.More);
        Assert.Equal([sessions[3].Id, sessions[1].Id, sessions[0].Id], ofC1.Sessions.Select(s => s.Id));
        Assert.Equal(0, ofC1.More);
        Assert.Equal([sessions[3].Id], ofLine.Sessions.Select(s => s.Id));
        Assert.Equal(1, ofLine.More);
        Assert.Equal(0, (await Sessions.ListOpenAsync(new SessionFilter(null, IPAddress.Parse("202.101.172.36"), null), 10, Ct)).Sessions.Count);
        var onlyEnded = await Sessions.ListOpenAsync(new SessionFilter(330100004, null, null), 10, Ct);
        Assert.Equal((0, 0), (onlyEnded.Sessions.Count, onlyEnded.More));
    }

    [Fact]
    public async Task ListEndedWithUncertainWritesAsync_ReturnsOnlyEndedUncertainSessionsEndedSince()
    {
        var endedBefore = Uncertain(Session(330100001)).Ended(T0.AddMinutes(10));
        var endedAtSince = Uncertain(Session(330100002)).Ended(T0.AddMinutes(20));
        var endedAfter = Uncertain(Session(330100003)).Ended(T0.AddMinutes(30));
        var certain = Session(330100004).Ended(T0.AddMinutes(30));
        var stillOpen = Uncertain(Session(330100005).Active());
        foreach (var session in new[] { endedBefore, endedAtSince, endedAfter, certain, stillOpen })
        {
            await Sessions.InsertAsync(session, Ct);
        }

        var found = await Sessions.ListEndedWithUncertainWritesAsync(T0.AddMinutes(20), Ct);

        Assert.Equal(new[] { endedAtSince.Id, endedAfter.Id }.Order(StringComparer.Ordinal), found.Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.All(found, s => Assert.True(s.UncertainWrite));
    }

    [Fact]
    public async Task ClaimNeedingRestoreAsync_ReturnsDueActiveApplyingAndRestoring_NotActiveNotDueNorEnded()
    {
        var due = Session(330100001, startedAt: T0, duration: TimeSpan.FromMinutes(30)).Active();
        var dueExactlyNow = Session(330100002, startedAt: T0, duration: TimeSpan.FromMinutes(60)).Active();
        var notDue = Session(330100003, startedAt: T0, duration: TimeSpan.FromMinutes(61)).Active();
        var applying = Session(330100004, startedAt: T0, duration: TimeSpan.FromHours(5));
        var restoring = Session(330100005, startedAt: T0, duration: TimeSpan.FromHours(5)).Active().Restoring(EndReason.Stopped);
        var ended = Session(330100006, startedAt: T0, duration: TimeSpan.FromMinutes(10)).Ended(T0.AddMinutes(10));
        foreach (var session in new[] { due, dueExactlyNow, notDue, applying, restoring, ended })
        {
            await Sessions.InsertAsync(session, Ct);
        }

        var claimed = await Sessions.ClaimNeedingRestoreAsync("instance-a", T0.AddHours(1), Lease, 100, Ct);

        Assert.Equal(
            new[] { due.Id, dueExactlyNow.Id, applying.Id, restoring.Id }.Order(StringComparer.Ordinal),
            claimed.Select(s => s.Id).Order(StringComparer.Ordinal));
        AssertSameSession(restoring, claimed.Single(s => s.Id == restoring.Id));
    }

    [Fact]
    public async Task ClaimNeedingRestoreAsync_RespectsTheLimit_OldestDueFirst()
    {
        var sessions = Enumerable.Range(0, 5)
            .Select(i => Session(330100001 + i, startedAt: T0, duration: TimeSpan.FromMinutes(50 - (i * 10))).Active())
            .ToList();
        foreach (var session in sessions)
        {
            await Sessions.InsertAsync(session, Ct);
        }

        var byDue = sessions.OrderBy(s => s.DueAt).Select(s => s.Id).ToList();
        var now = T0.AddHours(1);

        var first = await Sessions.ClaimNeedingRestoreAsync("instance-a", now, Lease, 2, Ct);
        var second = await Sessions.ClaimNeedingRestoreAsync("instance-b", now, Lease, 2, Ct);
        var third = await Sessions.ClaimNeedingRestoreAsync("instance-c", now, Lease, 2, Ct);

        Assert.Equal(byDue[..2], first.Select(s => s.Id));
        Assert.Equal(byDue[2..4], second.Select(s => s.Id));
        Assert.Equal(byDue[4..], third.Select(s => s.Id));
    }

    [Fact]
    public async Task ClaimNeedingRestoreAsync_TwoInstancesAtOnce_GetDisjointSessionsCoveringAll()
    {
        var sessions = Enumerable.Range(0, 12).Select(i => Session(330100001 + i, startedAt: T0.AddSeconds(i), duration: TimeSpan.FromMinutes(30)).Active()).ToList();
        foreach (var session in sessions)
        {
            await Sessions.InsertAsync(session, Ct);
        }

        var instances = new[] { Sessions, Get<ISessionStore>(await SecondInstanceAsync()) };
        var all = sessions.Select(s => s.Id).Order(StringComparer.Ordinal).ToList();
        for (var round = 0; round < 5; round++)
        {
            // Each round starts after every earlier claim's lease has passed, so both instances compete for all twelve.
            var now = T0.AddHours(1) + (round * (Lease + TimeSpan.FromSeconds(1)));
            var claims = await Task.WhenAll(instances.Select((store, i) =>
                Task.Run(() => store.ClaimNeedingRestoreAsync($"instance-{i}-{round}", now, Lease, sessions.Count, Ct), Ct)));

            var a = claims[0].Select(s => s.Id).ToList();
            var b = claims[1].Select(s => s.Id).ToList();
            Assert.Empty(a.Intersect(b));
            Assert.Equal(all, a.Concat(b).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task ClaimNeedingRestoreAsync_HeldByAnotherInstance_IsTakenOverOnlyAfterItsLeasePassed()
    {
        var session = Session(330100001, duration: TimeSpan.FromMinutes(30)).Active();
        await Sessions.InsertAsync(session, Ct);
        var other = Get<ISessionStore>(await SecondInstanceAsync());
        var now = T0.AddHours(1);

        Assert.Equal([session.Id], (await Sessions.ClaimNeedingRestoreAsync("instance-a", now, Lease, 10, Ct)).Select(s => s.Id));

        Assert.Empty(await other.ClaimNeedingRestoreAsync("instance-b", now, Lease, 10, Ct));
        Assert.Empty(await other.ClaimNeedingRestoreAsync("instance-b", now + Lease - TimeSpan.FromSeconds(1), Lease, 10, Ct));
        var takenOver = await other.ClaimNeedingRestoreAsync("instance-b", now + Lease + TimeSpan.FromSeconds(1), Lease, 10, Ct);
        Assert.Equal([session.Id], takenOver.Select(s => s.Id));
        Assert.Empty(await Sessions.ClaimNeedingRestoreAsync("instance-a", now + Lease + TimeSpan.FromSeconds(2), Lease, 10, Ct)); // b holds it now
    }

    [Fact]
    public async Task ClaimNeedingRestoreAsync_SameInstanceAgain_RenewsItsOwnClaim()
    {
        var session = Session(330100001, duration: TimeSpan.FromMinutes(30)).Active();
        await Sessions.InsertAsync(session, Ct);
        var other = Get<ISessionStore>(await SecondInstanceAsync());
        var now = T0.AddHours(1);
        await Sessions.ClaimNeedingRestoreAsync("instance-a", now, Lease, 10, Ct);

        var renewed = await Sessions.ClaimNeedingRestoreAsync("instance-a", now + TimeSpan.FromSeconds(50), Lease, 10, Ct);

        Assert.Equal([session.Id], renewed.Select(s => s.Id));
        Assert.Empty(await other.ClaimNeedingRestoreAsync("instance-b", now + Lease + TimeSpan.FromSeconds(10), Lease, 10, Ct)); // the first lease has passed, the renewed one not
        Assert.Equal([session.Id], (await other.ClaimNeedingRestoreAsync("instance-b", now + TimeSpan.FromSeconds(51) + Lease, Lease, 10, Ct)).Select(s => s.Id));
    }

    [Fact]
    public async Task ReleaseClaimAsync_LetsAnotherInstanceClaimAtOnce_ButOnlyTheHolderReleases()
    {
        var session = Session(330100001, duration: TimeSpan.FromMinutes(30)).Active();
        await Sessions.InsertAsync(session, Ct);
        var other = Get<ISessionStore>(await SecondInstanceAsync());
        var now = T0.AddHours(1);
        await Sessions.ClaimNeedingRestoreAsync("instance-a", now, Lease, 10, Ct);

        await other.ReleaseClaimAsync(session.Id, "instance-b", Ct); // not b's claim: nothing happens
        Assert.Empty(await other.ClaimNeedingRestoreAsync("instance-b", now, Lease, 10, Ct));

        await Sessions.ReleaseClaimAsync(session.Id, "instance-a", Ct);
        Assert.Equal([session.Id], (await other.ClaimNeedingRestoreAsync("instance-b", now, Lease, 10, Ct)).Select(s => s.Id));
    }

    private static SpeedUpSession Uncertain(SpeedUpSession session)
    {
        session.MarkUncertainWrite();
        return session;
    }
}
