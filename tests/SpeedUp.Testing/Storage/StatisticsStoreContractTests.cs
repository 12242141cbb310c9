using SpeedUp.Core.Sessions;
using SpeedUp.Core.Statistics;
using SpeedUp.Drivers;
using Xunit;
using static SpeedUp.Testing.Storage.StoreSamples;

namespace SpeedUp.Testing.Storage;

/// <summary>The contract of <see cref="IStatisticsStore"/>: a customer's journalled sessions counted per CST day, and their details in start order.</summary>
public abstract class StatisticsStoreContractTests : StoreContractTests
{
    /// <summary>CST midnight starting 2026-12-03 (16:00 UTC the day before).</summary>
    private static readonly DateTimeOffset Dec3 = new(2026, 12, 2, 16, 0, 0, TimeSpan.Zero);

    private IStatisticsStore Statistics => Get<IStatisticsStore>();

    [Fact]
    public async Task CountByDayAsync_CountsSuccessfulAndFailedPerCstDay_InTheRange()
    {
        var sessions = Get<ISessionStore>();
        long band = 330100001;
        // 2026-12-02 CST: one successful in the last second of the day, one failed.
        await sessions.InsertAsync(Session(band++, startedAt: Dec3.AddSeconds(-1)).Active(), Ct);
        await sessions.InsertAsync(Session(band++, startedAt: Dec3.AddHours(-3)).Restoring(EndReason.ApplyFailed).Ended(Dec3.AddHours(-3), EndReason.ApplyFailed), Ct);
        // 2026-12-03 CST: from its first instant, two successful (one ended), one still applying (counted in neither).
        await sessions.InsertAsync(Session(band++, startedAt: Dec3).Active(), Ct);
        await sessions.InsertAsync(Session(band++, startedAt: Dec3.AddHours(5)).Active().Ended(Dec3.AddHours(6)), Ct);
        await sessions.InsertAsync(Session(band++, startedAt: Dec3.AddHours(7)), Ct);
        // Outside: another customer, before the range, at its (exclusive) end.
        await sessions.InsertAsync(Session(band++, startedAt: Dec3.AddHours(1), customerId: "c2").Active(), Ct);
        await sessions.InsertAsync(Session(band++, startedAt: Dec3.AddDays(-1).AddSeconds(-1)).Active(), Ct);
        await sessions.InsertAsync(Session(band++, startedAt: Dec3.AddDays(1)).Active(), Ct);

        var counts = await Statistics.CountByDayAsync("c1", Dec3.AddDays(-1), Dec3.AddDays(1), Ct);

        Assert.Equal([new DayCounts(new DateOnly(2026, 12, 2), 1, 1), new DayCounts(new DateOnly(2026, 12, 3), 2, 0)], counts);
        Assert.Empty(await Statistics.CountByDayAsync("c3", Dec3.AddDays(-1), Dec3.AddDays(1), Ct));
    }

    [Fact]
    public async Task ReadDetailsAsync_StreamsTheCustomersSessionsInTheRange_ByStartTime()
    {
        var sessions = Get<ISessionStore>();
        var late = Session(330100001, Direction.Up, startedAt: Dec3.AddHours(3)).Active();
        var failed = Session(330100002, startedAt: Dec3.AddHours(1)).Restoring(EndReason.ApplyFailed);
        failed.RecordFailure("rejected by the BRAS");
        failed.MarkEnded(Dec3.AddHours(1).AddSeconds(3));
        var first = Session(330100003, startedAt: Dec3).Active().Ended(Dec3.AddMinutes(20));
        foreach (var session in new[] { late, failed, first, Session(330100004, startedAt: Dec3.AddHours(2), customerId: "c2"), Session(330100005, startedAt: Dec3.AddDays(1)) })
        {
            await sessions.InsertAsync(session, Ct);
        }

        var details = new List<SessionDetail>();
        await foreach (var detail in Statistics.ReadDetailsAsync("c1", Dec3, Dec3.AddDays(1), Ct))
        {
            details.Add(detail);
        }

        Assert.Equal([Detail(first), Detail(failed), Detail(late)], details);
        Assert.Equal("rejected by the BRAS", details[1].LastError);
    }

    [Fact]
    public async Task CountByDayAsync_RefusedStarts_AreFailedOnTheirCstDayAndListedAmongTheDetails()
    {
        var sessions = Get<ISessionStore>();
        var refusals = Get<IRefusedStartStore>();
        var ok = Session(330100001, startedAt: Dec3.AddHours(2)).Active();
        await sessions.InsertAsync(ok, Ct);
        // 2026-12-03 CST: two refusals (one recorded twice: counted once) around the successful session; 12-02: one.
        var full = Refusal("rs-1", Dec3.AddHours(1), "isv.BUSINESS_LIMIT_CONTROL", "every able channel is at capacity");
        await refusals.RecordAsync(full, Ct);
        await refusals.RecordAsync(full, Ct);
        await Get<IRefusedStartStore>(await SecondInstanceAsync()).RecordAsync(Refusal("rs-2", Dec3.AddHours(3), "isp.SYSTEM_ERROR", "'ct-hz-1' Unreachable"), Ct);
        await refusals.RecordAsync(Refusal("rs-3", Dec3.AddSeconds(-1), "isv.BAND_UNSURPOT_SPEEDUP", "no channel"), Ct);
        // Not c1's, or outside the range.
        await refusals.RecordAsync(Refusal("rs-4", Dec3.AddHours(1), "isp.SYSTEM_ERROR", "x", customerId: "c2"), Ct);
        await refusals.RecordAsync(Refusal("rs-5", Dec3.AddDays(1), "isp.SYSTEM_ERROR", "x"), Ct);
        await refusals.RecordAsync(Refusal("rs-6", Dec3.AddHours(1), "isp.SYSTEM_ERROR", "nobody's", customerId: null), Ct);

        var counts = await Statistics.CountByDayAsync("c1", Dec3.AddDays(-1), Dec3.AddDays(1), Ct);
        Assert.Equal([new DayCounts(new DateOnly(2026, 12, 2), 0, 1), new DayCounts(new DateOnly(2026, 12, 3), 1, 2)], counts);
        Assert.Equal([new DayCounts(new DateOnly(2026, 12, 3), 0, 1)], await Statistics.CountByDayAsync("c2", Dec3, Dec3.AddDays(1), Ct));

        var details = new List<SessionDetail>();
        await foreach (var detail in Statistics.ReadDetailsAsync("c1", Dec3, Dec3.AddDays(1), Ct))
        {
            details.Add(detail);
        }

        var at1 = Dec3.AddHours(1);
        var at3 = Dec3.AddHours(3);
        Assert.Equal(
        [
            new SessionDetail("zj0571a00009", Direction.Up, 20_000, at1, at1, at1, SessionState.Ended, EndReason.ApplyFailed,
                "isv.BUSINESS_LIMIT_CONTROL: every able channel is at capacity"),
            Detail(ok),
            new SessionDetail("zj0571a00009", Direction.Up, 20_000, at3, at3, at3, SessionState.Ended, EndReason.ApplyFailed,
                "isp.SYSTEM_ERROR: 'ct-hz-1' Unreachable"),
        ], details);
    }

    private static RefusedStart Refusal(string id, DateTimeOffset at, string code, string message, string? customerId = "c1") =>
        new(id, customerId, 330100009, "zj0571a00009", Carrier.ChinaTelecom, "Zhejiang", Direction.Up, 20_000, at, code, message);

    private static SessionDetail Detail(SpeedUpSession s) =>
        new(s.Account, s.Direction, s.TargetKbps, s.StartedAt, s.DueAt, s.EndedAt, s.State, s.EndReason, s.LastError);
}
