using System.Net;
using SpeedUp.Core.Catalogue;
using SpeedUp.Core.Prechecks;
using SpeedUp.Drivers;
using Xunit;
using static SpeedUp.Testing.Storage.StoreSamples;

namespace SpeedUp.Testing.Storage;

/// <summary>The contract of <see cref="IPrecheckStore"/>: the latest pre-check per customer and band id.</summary>
public abstract class PrecheckStoreContractTests : StoreContractTests
{
    private IPrecheckStore Prechecks => Get<IPrecheckStore>();

    [Fact]
    public async Task SaveAsync_ThenFind_ReturnsEveryField_AlsoOnAnotherInstance()
    {
        var precheck = Precheck("c1", 330100001, T0);

        await Prechecks.SaveAsync(precheck, Ct);

        AssertSamePrecheck(precheck, await Prechecks.FindAsync("c1", 330100001, Ct));
        AssertSamePrecheck(precheck, await Get<IPrecheckStore>(await SecondInstanceAsync()).FindAsync("c1", 330100001, Ct));
        Assert.Null(await Prechecks.FindAsync("c1", 330100002, Ct));
    }

    [Fact]
    public async Task SaveAsync_SameCustomerAndBand_ReplacesTheEarlierOne()
    {
        await Prechecks.SaveAsync(Precheck("c1", 330100001, T0), Ct);
        var later = Precheck("c1", 330100001, T0.AddMinutes(10)) with
        {
            Rates = new LineRates(8000, 100_000),
            Offers = [new Offer(Direction.Up, 50, ProductType.HourPack)],
            ChannelName = "ct-hz-2",
        };

        await Get<IPrecheckStore>(await SecondInstanceAsync()).SaveAsync(later, Ct);

        AssertSamePrecheck(later, await Prechecks.FindAsync("c1", 330100001, Ct));
    }

    [Fact]
    public async Task FindAsync_IsPerCustomer()
    {
        var first = Precheck("c1", 330100001, T0);
        var second = Precheck("c2", 330100001, T0.AddMinutes(1)) with { Offers = [] };
        await Prechecks.SaveAsync(first, Ct);
        await Prechecks.SaveAsync(second, Ct);

        AssertSamePrecheck(first, await Prechecks.FindAsync("c1", 330100001, Ct));
        AssertSamePrecheck(second, await Prechecks.FindAsync("c2", 330100001, Ct));
        Assert.Null(await Prechecks.FindAsync("c3", 330100001, Ct));
    }

    private static Precheck Precheck(string customerId, long bandId, DateTimeOffset at) => new(
        bandId, "zj0571a0001", IPAddress.Parse("202.101.172.35"), 1024, Carrier.ChinaTelecom, "Zhejiang", "ct-hz-1",
        new LineRates(4000, 50_000), new LineCapability(20_000, 200_000, true),
        [new Offer(Direction.Down, 200, ProductType.HourPack), new Offer(Direction.Down, 100, ProductType.ThirtyDayPack)],
        at, at.AddMinutes(30), customerId);

    private static void AssertSamePrecheck(Precheck expected, Precheck? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(
            (expected.CustomerId, expected.BandId, expected.Account, expected.IpAddress, expected.Port, expected.Carrier, expected.Province, expected.ChannelName),
            (actual.CustomerId, actual.BandId, actual.Account, actual.IpAddress, actual.Port, actual.Carrier, actual.Province, actual.ChannelName));
        Assert.Equal((expected.Rates, expected.Capability, expected.CheckedAt, expected.ExpiresAt), (actual.Rates, actual.Capability, actual.CheckedAt, actual.ExpiresAt));
        Assert.Equal(expected.Offers, actual.Offers);
    }
}
