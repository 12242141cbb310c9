using SpeedUp.Core.Sessions;

namespace SpeedUp.Core.Tests;

/// <summary>Which active sessions a reconcile pass reads: all while they fit its budget, else one slice per interval.</summary>
public sealed class ReconcileSliceTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ActiveSessionsWithinTheBudget_OnePassReadsThemAll()
    {
        var options = new SpeedUpSessionOptions { ReconcileInterval = TimeSpan.FromSeconds(30), ReconcileReadsPerSecond = 500 };

        var slice = ReconcileSlice.For(13_500, Start, options); // 500/s × 27 s

        Assert.Equal(13_500, ReconcileSlice.Budget(options));
        Assert.Equal(1, slice.Count);
        Assert.All(Ids(1_000), id => Assert.True(slice.Contains(id)));
    }

    [Fact]
    public void MoreActiveSessionsThanTheBudget_ConsecutiveIntervalsReadDisjointSlices_CoveringEverySessionOnce()
    {
        var options = new SpeedUpSessionOptions { ReconcileInterval = TimeSpan.FromSeconds(30), ReconcileReadsPerSecond = 500 };
        var ids = Ids(100_000);

        var slices = Enumerable.Range(0, 8).Select(k => ReconcileSlice.For(ids.Length, Start + k * options.ReconcileInterval, options)).ToArray();

        Assert.All(slices, s => Assert.Equal(8, s.Count)); // ⌈100,000 / 13,500⌉
        Assert.Equal(Enumerable.Range(0, 8), slices.Select(s => s.Index).Order());
        var readBy = ids.Select(id => slices.Count(s => s.Contains(id))).ToArray();
        Assert.All(readBy, n => Assert.Equal(1, n));
        // Each pass stays near its budget (the hash spreads the ids evenly).
        Assert.All(slices, s => Assert.InRange(ids.Count(s.Contains), 11_500, 13_500));
    }

    [Fact]
    public void TheSliceOfAnInterval_IsTheSameForEveryInstance_WhicheverMomentOfItThePassStarts()
    {
        var options = new SpeedUpSessionOptions { ReconcileInterval = TimeSpan.FromSeconds(30), ReconcileReadsPerSecond = 10 };

        var early = ReconcileSlice.For(5_000, Start + TimeSpan.FromSeconds(1), options);
        var late = ReconcileSlice.For(5_000, Start + TimeSpan.FromSeconds(29), options);
        var next = ReconcileSlice.For(5_000, Start + TimeSpan.FromSeconds(31), options);

        Assert.Equal(early, late);
        Assert.Equal((early.Index + 1) % early.Count, next.Index);
        // The same id falls in the same slice on every instance and run (a stable hash, not string.GetHashCode).
        Assert.Equal(early.Contains("0b6f3c2a9d8e4f10a1b2c3d4e5f60718"), late.Contains("0b6f3c2a9d8e4f10a1b2c3d4e5f60718"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100_001)]
    public void ReadsPerSecond_OutOfRange_FailsNamingTheKey(int perSecond)
    {
        var result = new SpeedUpSessionOptionsValidator().Validate(null, new SpeedUpSessionOptions { ReconcileReadsPerSecond = perSecond });

        Assert.True(result.Failed);
        Assert.Contains("SpeedUp:Sessions:ReconcileReadsPerSecond must be between 1 and 100000", result.FailureMessage);
    }

    private static string[] Ids(int count) => Enumerable.Range(0, count).Select(i => new Guid(i, 7, 11, new byte[8]).ToString("N")).ToArray();
}
