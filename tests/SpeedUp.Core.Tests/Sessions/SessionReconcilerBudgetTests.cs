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
        var store = new Mock<ISessionStore>();
        store.Setup(s => s.ListOpenAsync(It.IsAny<CancellationToken>())).ReturnsAsync(active);
        store.Setup(s => s.ListEndedWithUncertainWritesAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
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
