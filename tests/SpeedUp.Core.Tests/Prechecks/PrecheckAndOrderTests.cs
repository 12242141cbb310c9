using SpeedUp.Core.Errors;
using SpeedUp.Core.Prechecks;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Tests;

public sealed class PrecheckAndOrderTests : IDisposable
{
    private readonly CoreHarness _h = new();
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task PrecheckAsync_MainlandTelecomLine_ReportsRatesAndOffers()
    {
        var result = await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);

        Assert.Equal(ProductErrorCode.Ok, result.Code);
        Assert.Equal(330100001, result.Precheck.BandId);
        Assert.Equal(8, result.Precheck.Offers.Count); // up 10/20, down 100/200, each hour pack and 30-day pack
        Assert.Equal(_h.Time.GetUtcNow().AddMinutes(30), result.Precheck.ExpiresAt);
    }

    [Fact]
    public async Task PrecheckAsync_ForeignAddress_IsInvalidParameters()
    {
        var e = await Assert.ThrowsAsync<SpeedUpException>(() => _h.Precheck.PrecheckAsync("8.8.8.8", 0, Ct));
        Assert.Equal(ProductErrorCode.InvalidParameters, e.Code);
    }

    [Fact]
    public async Task PrecheckAsync_ProvinceWithoutTheProduct_IsSpeedUpUnsupported()
    {
        var e = await Assert.ThrowsAsync<SpeedUpException>(() => _h.Precheck.PrecheckAsync("202.96.128.86", 0, Ct));
        Assert.Equal(ProductErrorCode.SpeedUpUnsupported, e.Code);
    }

    [Fact]
    public async Task OrderAsync_WithoutAValidPrecheckOrOneOfItsOffers_IsRefused()
    {
        var missing = await Assert.ThrowsAsync<SpeedUpException>(() => _h.Orders.OrderAsync(330100001, 202001, Ct));
        Assert.Equal(ProductErrorCode.PrecheckExpired, missing.Code);

        _h.Equipment.Reset(330100001, new LineRates(4000, 100000)); // at 100 Mbps down: DOWN 100 is no offer of this line
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        var order = await _h.Orders.OrderAsync(330100001, 202001, Ct);
        Assert.StartsWith("LX", order.OrderId);

        var wrong = await Assert.ThrowsAsync<SpeedUpException>(() => _h.Orders.OrderAsync(330100001, 201001, Ct));
        Assert.Equal(ProductErrorCode.CreateOrderFailure, wrong.Code);

        // DOWN 300 is no tier of the product at all: a malformed offer_id, refused before any lookup.
        var notATier = await Assert.ThrowsAsync<SpeedUpException>(() => _h.Orders.OrderAsync(330100001, 203001, Ct));
        Assert.Equal(ProductErrorCode.InvalidParameters, notATier.Code);
    }

    [Fact]
    public async Task PrecheckAsync_RepeatedWithinTheReuseWindow_ReusesTheLineLookup_AfterItAsksTheEquipmentAgain()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        var calls = _h.Driver.Calls;

        _h.Time.Advance(TimeSpan.FromSeconds(4));
        var again = await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        Assert.Equal(calls, _h.Driver.Calls); // no lookup on the equipment
        Assert.Equal(ProductErrorCode.Ok, again.Code);
        Assert.Equal(_h.Time.GetUtcNow().AddMinutes(30), again.Precheck.ExpiresAt); // a new pre-check all the same

        await _h.Precheck.PrecheckAsync("202.101.172.35", 7, Ct); // another port: another lookup
        Assert.Equal(calls + 1, _h.Driver.Calls);

        _h.Time.Advance(TimeSpan.FromSeconds(1));
        _h.Equipment.Reset(330100001, new LineRates(4000, 100000));
        var fresh = await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        Assert.Equal(calls + 2, _h.Driver.Calls);
        Assert.Equal(100000, fresh.Precheck.Rates.DownKbps);
    }

    [Fact]
    public async Task PrecheckAsync_WhileTheLineHasAnOpenSpeedUp_AlwaysAsksTheEquipment()
    {
        await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);
        await _h.Service.StartAsync(CoreHarness.StartDown(), Ct);
        var calls = _h.Driver.Calls;

        var during = await _h.Precheck.PrecheckAsync("202.101.172.35", 0, Ct);

        Assert.Equal(calls + 1, _h.Driver.Calls);
        Assert.Equal(200000, during.Precheck.Rates.DownKbps); // its own speed-up, as the equipment reports it
    }

    [Fact]
    public async Task RecentLineLookups_Bounded_TheOldestGoFirst_AndNoneOutliveTheWindow()
    {
        var lookups = new RecentLineLookups(
            Microsoft.Extensions.Options.Options.Create(new PrecheckOptions { LineLookupCapacity = 100 }), _h.Time);
        var line = _h.Equipment.Read(330100001)!;
        for (var port = 1; port <= 1000; port++)
        {
            lookups.Remember("alpha", line.IpAddress, port, "ct", line);
        }

        Assert.Equal(100, lookups.Count);
        Assert.Null(lookups.Find("alpha", line.IpAddress, 900));
        Assert.NotNull(lookups.Find("alpha", line.IpAddress, 901));
        Assert.Null(lookups.Find("bravo", line.IpAddress, 901)); // one customer's lookups are its own

        _h.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Null(lookups.Find("alpha", line.IpAddress, 1000));
        Assert.Equal(0, lookups.Count);
    }
}
