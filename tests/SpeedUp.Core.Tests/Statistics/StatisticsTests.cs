using System.Text;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Sessions;
using SpeedUp.Core.Statistics;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Tests;

/// <summary>Business statistics per CST day and the streamed CSV detail export.</summary>
public sealed class StatisticsTests : IDisposable
{
    private readonly CoreHarness _h = new();
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _h.Dispose();

    /// <summary>One session of c1 started at <paramref name="at"/>: stopped after <paramref name="minutes"/>, or failed.</summary>
    private async Task SpeedUpAsync(DateTimeOffset at, int minutes, bool fail = false)
    {
        _h.Time.SetUtcNow(at);
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        _h.Driver.FailWritesWith = fail ? DriverFailure.Rejected : null;
        if (fail)
        {
            await Assert.ThrowsAsync<SpeedUpException>(() => _h.Service.StartAsync(CoreHarness.StartDown(), Ct));
            _h.Driver.FailWritesWith = null;
            return;
        }

        await _h.Service.StartAsync(CoreHarness.StartDown(), Ct);
        _h.Time.Advance(TimeSpan.FromMinutes(minutes));
        await _h.Service.StopAsync(CoreHarness.StopDown(), Ct);
    }

    [Fact]
    public async Task DailyAsync_SpeedUpsAroundMidnight_AreCountedInCstDays()
    {
        await SpeedUpAsync(new DateTimeOffset(2026, 11, 30, 15, 30, 0, TimeSpan.Zero), 5);            // 2026-11-30 23:30 CST
        await SpeedUpAsync(new DateTimeOffset(2026, 11, 30, 16, 30, 0, TimeSpan.Zero), 5);            // 2026-12-01 00:30 CST
        await SpeedUpAsync(new DateTimeOffset(2026, 12, 2, 15, 50, 0, TimeSpan.Zero), 5);             // 2026-12-02 23:50 CST
        await SpeedUpAsync(new DateTimeOffset(2026, 12, 2, 16, 0, 0, TimeSpan.Zero), 5);              // 2026-12-03 00:00 CST
        await SpeedUpAsync(new DateTimeOffset(2026, 12, 3, 1, 0, 0, TimeSpan.Zero), 5, fail: true);   // 2026-12-03 09:00 CST
        _h.Time.SetUtcNow(new DateTimeOffset(2026, 12, 3, 20, 0, 0, TimeSpan.Zero));                  // today: 2026-12-04 CST

        var range = _h.Statistics.Resolve(StatisticsPeriod.ThisMonth, null, null);
        var days = await _h.Statistics.DailyAsync(CoreHarness.Customer, range, Ct);

        Assert.Equal(["2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"], days.Select(d => d.Date.ToString("yyyy-MM-dd", null)));
        Assert.Equal((1L, 1L, 0L), (days[0].Total, days[0].Successful, days[0].Failed));
        Assert.Equal((1L, 1L, 0L), (days[1].Total, days[1].Successful, days[1].Failed));
        Assert.Equal((2L, 1L, 1L, 0.5), (days[2].Total, days[2].Successful, days[2].Failed, days[2].SuccessRate));
        Assert.Equal((0L, 1.0), (days[3].Total, days[3].SuccessRate)); // a day without calls: 100.00 %, as the product's console

        var last = await _h.Statistics.DailyAsync(CoreHarness.Customer, _h.Statistics.Resolve(StatisticsPeriod.LastMonth, null, null), Ct);
        Assert.Equal(30, last.Count);
        Assert.Equal(1, last.Sum(d => d.Total));
        Assert.Equal(1, last.Single(d => d.Date == new DateOnly(2026, 11, 30)).Total);

        var others = await _h.Statistics.DailyAsync("someone-else", range, Ct);
        Assert.All(others, d => Assert.Equal(0, d.Total));
    }

    [Fact]
    public async Task DailyAsync_EveryChannelDark_CountsTheRefusedStartsAsFailedAndExportsThem()
    {
        using var h = new CoreHarness(channels: list => list.Add(CoreHarness.Telecom("ct-dark", c =>
        {
            c.Resilience.ReadRetries = 0;
            c.Resilience.MinimumThroughput = 100; // the circuit stays closed: the next start is served
        })));
        h.Time.SetUtcNow(new DateTimeOffset(2026, 12, 3, 1, 0, 0, TimeSpan.Zero)); // 2026-12-03 09:00 CST
        await h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        h.Driver.FailWith = DriverFailure.Unreachable; // the only channel cannot read the line: nothing is journalled
        var e = await Assert.ThrowsAsync<SpeedUpException>(() => h.Service.StartAsync(CoreHarness.StartDown(), Ct));
        Assert.Equal(ProductErrorCode.SystemError, e.Code);
        Assert.Null(await h.Sessions.FindLatestAsync(330100001, Direction.Down, Ct));

        h.Driver.FailWith = null;
        h.Time.SetUtcNow(new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero));
        await h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        await h.Service.StartAsync(CoreHarness.StartDown(), Ct);
        h.Time.Advance(TimeSpan.FromMinutes(3));
        await h.Service.StopAsync(CoreHarness.StopDown(), Ct);

        var day3 = h.Statistics.Resolve(StatisticsPeriod.Custom, "2026-12-03", "2026-12-03");
        var day = Assert.Single(await h.Statistics.DailyAsync(CoreHarness.Customer, day3, Ct));
        Assert.Equal((2L, 1L, 1L, 0.5), (day.Total, day.Successful, day.Failed, day.SuccessRate));
        Assert.All(await h.Statistics.DailyAsync("someone-else", day3, Ct), d => Assert.Equal(0, d.Total));

        var bytes = new List<byte>();
        await foreach (var chunk in h.Statistics.ExportAsync(CoreHarness.Customer, day3, Ct))
        {
            bytes.AddRange(chunk.ToArray());
        }

        var lines = Encoding.UTF8.GetString(bytes.Skip(3).ToArray()).Split("\r\n");
        Assert.StartsWith("2026-12-03,zj0571a0001,DOWN,200,2026-12-03 09:00:00 +08:00,FAILED,0,", lines[1], StringComparison.Ordinal);
        Assert.Contains("isp.SYSTEM_ERROR: ", lines[1], StringComparison.Ordinal); // the product code, then what the channel answered
        Assert.Equal("2026-12-03,zj0571a0001,DOWN,200,2026-12-03 10:00:00 +08:00,SUCCESS,3,", lines[2]);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public async Task DailyAsync_NoChannelServesTheTier_CountsTheRefusalAsFailed()
    {
        using var h = new CoreHarness(channels: list => list.Add(CoreHarness.Telecom("ct-down100", c => c.Tiers.Add("Down:100"))));
        await h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);

        var e = await Assert.ThrowsAsync<SpeedUpException>(() => h.Service.StartAsync(CoreHarness.StartDown(200), Ct));

        Assert.Equal(ProductErrorCode.SpeedUpUnsupported, e.Code);
        var today = h.Statistics.Resolve(StatisticsPeriod.ThisMonth, null, null);
        var days = await h.Statistics.DailyAsync(CoreHarness.Customer, today, Ct);
        Assert.Equal((1L, 0L, 1L, 0.0), (days[^1].Total, days[^1].Successful, days[^1].Failed, days[^1].SuccessRate));
    }

    [Fact]
    public void SuccessRate_OfADay_IsSuccessfulOverSuccessfulPlusFailedAndOneWithoutCalls()
    {
        Assert.Equal(1.0, new DailyStatistics(new DateOnly(2018, 7, 31), 0, 0, 0).SuccessRate); // the console's "0 0 0 100.00%"
        Assert.Equal(0.995, new DailyStatistics(new DateOnly(2018, 7, 31), 1000, 995, 5).SuccessRate);
        Assert.Equal(0.0, new DailyStatistics(new DateOnly(2018, 7, 31), 2, 0, 2).SuccessRate);
    }

    [Theory]
    [InlineData("2026-10-01", "2026-10-31", true)]
    [InlineData("2026-10-01", "2026-11-01", false)] // 32 days
    [InlineData("2026-10-05", "2026-10-04", false)]
    [InlineData("2026-10-5", "2026-10-06", false)]
    [InlineData("", "2026-10-06", false)]
    public void Resolve_CustomRange_IsAtMost31Days(string from, string to, bool ok)
    {
        if (ok)
        {
            var range = _h.Statistics.Resolve(StatisticsPeriod.Custom, from, to);
            Assert.Equal(new DateTimeOffset(2026, 9, 30, 16, 0, 0, TimeSpan.Zero), range.From);
            Assert.Equal(new DateTimeOffset(2026, 10, 31, 16, 0, 0, TimeSpan.Zero), range.To);
        }
        else
        {
            var e = Assert.Throws<SpeedUpException>(() => _h.Statistics.Resolve(StatisticsPeriod.Custom, from, to));
            Assert.Equal((ProductErrorCode.InvalidParameters, FailureKind.InvalidArgument), (e.Code, e.Kind));
        }
    }

    // Found by the injection fuzz: 0001-01-01 and 9999-12-31 passed and then failed as isp.SYSTEM_ERROR (INTERNAL) when the
    // range's instants were computed; far-out years passed silently.
    [Theory]
    [InlineData("9999-12-31", "9999-12-31")]
    [InlineData("9999-12-21", "9999-12-31")]
    [InlineData("0001-01-01", "0001-01-16")]
    [InlineData("1999-12-31", "2000-01-01")]
    [InlineData("2099-12-31", "2100-01-01")]
    [InlineData("2026-10-01\0", "2026-10-02")]
    [InlineData("２０２６-10-01", "2026-10-02")]
    public void Resolve_CustomDateOutside2000To2099_IsInvalidParameters(string from, string to)
    {
        var e = Assert.Throws<SpeedUpException>(() => _h.Statistics.Resolve(StatisticsPeriod.Custom, from, to));
        Assert.Equal((ProductErrorCode.InvalidParameters, FailureKind.InvalidArgument), (e.Code, e.Kind));
    }

    [Fact]
    public void Resolve_FirstAndLastAcceptedDays_Resolve()
    {
        Assert.Equal(new DateTimeOffset(1999, 12, 31, 16, 0, 0, TimeSpan.Zero), _h.Statistics.Resolve(StatisticsPeriod.Custom, "2000-01-01", "2000-01-31").From);
        Assert.Equal(new DateTimeOffset(2099, 12, 31, 16, 0, 0, TimeSpan.Zero), _h.Statistics.Resolve(StatisticsPeriod.Custom, "2099-12-01", "2099-12-31").To);
    }

    // Found by the injection fuzz: THIS_MONTH and LAST_MONTH accepted any text as from_date/to_date.
    [Theory]
    [InlineData(StatisticsPeriod.ThisMonth, "2026-10-01\nreset saved-configuration", "")]
    [InlineData(StatisticsPeriod.LastMonth, "", "yyyy-MM-dd")]
    [InlineData(StatisticsPeriod.ThisMonth, "9999-12-31", "")]
    public void Resolve_NonDateWithAnotherPeriod_IsInvalidParameters(StatisticsPeriod period, string from, string to)
    {
        var e = Assert.Throws<SpeedUpException>(() => _h.Statistics.Resolve(period, from, to));
        Assert.Equal((ProductErrorCode.InvalidParameters, FailureKind.InvalidArgument), (e.Code, e.Kind));
        Assert.Equal(_h.Statistics.Resolve(period, null, null), _h.Statistics.Resolve(period, "2026-10-05", "2026-10-01")); // valid ones are ignored
    }

    [Fact]
    public async Task ExportAsync_SpeedUps_IsACsvWithBomHeaderAndOneRowPerSpeedUp()
    {
        await SpeedUpAsync(new DateTimeOffset(2026, 12, 2, 15, 50, 0, TimeSpan.Zero), 7);
        await SpeedUpAsync(new DateTimeOffset(2026, 12, 3, 1, 0, 0, TimeSpan.Zero), 0, fail: true);

        var bytes = new List<byte>();
        await foreach (var chunk in _h.Statistics.ExportAsync(CoreHarness.Customer, _h.Statistics.Resolve(StatisticsPeriod.Custom, "2026-12-01", "2026-12-31"), Ct))
        {
            bytes.AddRange(chunk.ToArray());
        }

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3));
        var lines = Encoding.UTF8.GetString(bytes.Skip(3).ToArray()).Split("\r\n");
        Assert.Equal(CsvDetailWriter.Header, lines[0]);
        Assert.Equal("2026-12-02,zj0571a0001,DOWN,200,2026-12-02 23:50:00 +08:00,SUCCESS,7,", lines[1]);
        Assert.StartsWith("2026-12-03,zj0571a0001,DOWN,200,2026-12-03 09:00:00 +08:00,FAILED,0,", lines[2], StringComparison.Ordinal);
        // The product code and a fixed phrase, never the recorded error (the driver's "injected write failure, nothing sent").
        Assert.EndsWith(",FAILED,0,isp.SYSTEM_ERROR: the target rate could not be applied", lines[2], StringComparison.Ordinal);
        Assert.Equal("", lines[3]);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public async Task WriteAsync_LargeExport_ComesInBoundedChunks()
    {
        var details = Enumerable.Range(0, 5000).Select(i => new SessionDetail($"acct{i}", Direction.Up, 20000,
            new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i), DateTimeOffset.MaxValue, null, SessionState.Active, EndReason.None, null));

        var chunks = new List<ReadOnlyMemory<byte>>();
        await foreach (var chunk in CsvDetailWriter.WriteAsync(details.ToAsyncEnumerable(), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), Ct))
        {
            chunks.Add(chunk);
        }

        Assert.True(chunks.Count > 5);
        Assert.All(chunks, c => Assert.True(c.Length <= CsvDetailWriter.ChunkSize));
        var text = Encoding.UTF8.GetString(chunks.SelectMany(c => c.ToArray()).ToArray());
        Assert.Equal(5002, text.Split("\r\n").Length); // BOM+header, 5000 rows, trailing empty
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+cmd", "'+cmd")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")]
    [InlineData("", "")]
    public void Field_SpecialCharactersOrFormula_IsQuotedPerRfc4180AndFormulasNeutralised(string value, string expected) =>
        Assert.Equal(expected, CsvDetailWriter.Field(new StringBuilder(), value).ToString());
}
