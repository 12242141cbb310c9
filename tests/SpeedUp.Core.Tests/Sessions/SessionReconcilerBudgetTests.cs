using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SpeedUp.Core.Channels;
using SpeedUp.Core.Cluster;
using SpeedUp.Core.Sessions;
using SpeedUp.Core.Telemetry;
using SpeedUp.Drivers;
using SpeedUp.Testing;

namespace SpeedUp.Core.Tests;

/// <summary>The reconciler keeps to its read budget: beyond it, each pass reads one slice of the active sessions.</summary>
public sealed class SessionReconcilerBudgetTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MoreActiveSessionsThanAPassMayRead_ConsecutivePassesReadEachLineOnce()
    {
        // 100 reads/s for 90 % of 100 ms: 9 lines a pass, so 40 active sessions make 5 slices.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 20, 0, 0, TimeSpan.Zero));
        var options = new SpeedUpSessionOptions { ReconcileInterval = TimeSpan.FromMilliseconds(100), ReconcileReadsPerSecond = 100 };
        var active = Enumerable.Range(0, 40).Select(i => Active(i, time.GetUtcNow())).ToList();
        var store = StoreOf(active);
        var scheduler = new LinesAtTarget();
        var reconciler = new SessionReconciler(store.Object, scheduler, new InProcessLineLocks(), Options.Create(options),
            new SessionMetrics(new TestMeterFactory()), time, NullLogger<SessionReconciler>.Instance);

        var perPass = new List<int>();
        for (var pass = 0; pass < 5; pass++)
        {
            var before = scheduler.Reads;
            Assert.Equal(0, await reconciler.ReconcileAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct));
            perPass.Add(scheduler.Reads - before);
            time.Advance(options.ReconcileInterval);
        }

        Assert.Equal(40, perPass.Sum()); // every line once in five passes
        Assert.All(perPass, reads => Assert.InRange(reads, 1, 39));

        // A sixth pass starts the round again: the first slice's lines.
        var sixth = scheduler.Reads;
        await reconciler.ReconcileAsync(Ct).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(perPass[0], scheduler.Reads - sixth);
    }

    [Fact]
    public async Task MoreActiveSessionsThanAStorePage_OnePassReadsEveryLineOnce_OnePageAtATime()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 20, 0, 0, TimeSpan.Zero));
        var options = new SpeedUpSessionOptions { ReconcileInterval = TimeSpan.FromSeconds(30), ReconcileReadsPerSecond = 100_000 };
        var active = Enumerable.Range(0, SessionReconciler.PageSize * 2 + 500).Select(i => Active(i, time.GetUtcNow())).ToList();
        var store = StoreOf(active);
        var scheduler = new LinesAtTarget();
        var reconciler = new SessionReconciler(store.Object, scheduler, new InProcessLineLocks(), Options.Create(options),
            new SessionMetrics(new TestMeterFactory()), time, NullLogger<SessionReconciler>.Instance);

        await reconciler.ReconcileAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(active.Count, scheduler.Reads);
        store.Verify(s => s.ListActiveDueAfterAsync(
            It.IsAny<DateTimeOffset>(), It.IsAny<SpeedUpSession?>(), SessionReconciler.PageSize, It.IsAny<CancellationToken>()), Times.Exactly(3));
        store.Verify(s => s.ListOpenAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    /// <summary>A store holding <paramref name="active"/>, answering the reconciler's count and pages as the stores do.</summary>
    private static Mock<ISessionStore> StoreOf(List<SpeedUpSession> active)
    {
        var ordered = active.OrderBy(s => s.DueAt).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
        var store = new Mock<ISessionStore>(MockBehavior.Strict);
        store.Setup(s => s.CountActiveDueAfterAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((DateTimeOffset after, CancellationToken _) => ordered.Count(s => s.DueAt > after));
        store.Setup(s => s.ListActiveDueAfterAsync(It.IsAny<DateTimeOffset>(), It.IsAny<SpeedUpSession?>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((DateTimeOffset after, SpeedUpSession? following, int limit, CancellationToken _) =>
                ordered.Where(s => s.DueAt > after)
                    .SkipWhile(s => following is not null && (s.DueAt, s.Id).CompareTo((following.DueAt, following.Id)) <= 0)
                    .Take(limit).ToList());
        store.Setup(s => s.ListEndedWithUncertainWritesAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        return store;
    }

    private static SpeedUpSession Active(int i, DateTimeOffset now) => new(
        Guid.NewGuid().ToString("N"), 330_100_000 + i, $"zj{i}", IPAddress.Parse("202.101.172.35"), 0, Carrier.ChinaTelecom, "Zhejiang", "ct-test",
        Direction.Down, 200_000, 50_000, "", now - TimeSpan.FromMinutes(1), now + TimeSpan.FromHours(1), SessionState.Active, EndReason.None, null, null);

    /// <summary>Every line is at its session's target: counts the reads, touches nothing.</summary>
    private sealed class LinesAtTarget : ISupplyScheduler
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public bool CanServe(ChannelDemand demand) => true;

        public Task<T> RunAsync<T>(ChannelRequest request, Func<ChannelAttempt, CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
        {
            Assert.Equal("reconcile", request.Operation);
            Interlocked.Increment(ref _reads);
            return Task.FromResult((T)(object)true);
        }

        public Task ReleaseAsync(string sessionId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
