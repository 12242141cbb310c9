using Microsoft.Extensions.Options;
using SpeedUp.Core.Catalogue;
using SpeedUp.Core.Errors;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Tests;

/// <summary>Offers by carrier and province without a pre-check, and the product catalogue.</summary>
public sealed class SalesQueriesTests : IDisposable
{
    private readonly CoreHarness _h = new(); // one Telecom channel, serving Zhejiang
    private readonly SalesQueries _sales;

    public SalesQueriesTests() =>
        _sales = new SalesQueries(new OfferCatalogue(Options.Create(new CatalogueOptions())), _h.Prices, _h.Scheduler);

    public void Dispose() => _h.Dispose();

    [Fact]
    public void ListOffers_TelecomZhejiang_IsEveryTierAsBothPacksWithTheirListPrices()
    {
        var area = _sales.ListOffers("ChinaTelecom", "Zhejiang");

        Assert.Equal((Carrier.ChinaTelecom, "Zhejiang"), (area.Carrier, area.Province));
        Assert.Equal([100101, 100102, 100201, 100202, 201001, 201002, 202001, 202002], area.Offers.Select(o => o.Offer.OfferId));
        Assert.Equal([1.50m, 33.00m, 1.50m, 33.00m, 1.00m, 15.00m, 1.00m, 15.00m], area.Offers.Select(o => o.Prices!.ListPrice));
        Assert.Equal(0, _h.Driver.Calls); // no line, no device
    }

    [Fact]
    public void ListOffers_ProvinceWithoutAChannelOrTheCarriersTiers_IsEmpty()
    {
        Assert.Empty(_sales.ListOffers("ChinaTelecom", "Yunnan").Offers);   // the catalogue's, but no channel reaches it here
        Assert.Empty(_sales.ListOffers("ChinaTelecom", "Guangdong").Offers); // not a product province of Telecom
        Assert.Empty(_sales.ListOffers("ChinaUnicom", "Zhejiang").Offers);   // no Unicom tier configured
    }

    [Theory]
    [InlineData("ChinaMobile", "Zhejiang")]
    [InlineData("chinatelecom", "Zhejiang")]
    [InlineData("", "Zhejiang")]
    [InlineData(null, "Zhejiang")]
    [InlineData("ChinaTelecom", "Atlantis")]
    [InlineData("ChinaTelecom", "zhejiang")]
    [InlineData("ChinaTelecom", "Zhejiang\n")]
    [InlineData("ChinaTelecom", null)]
    public void ListOffers_UnknownCarrierOrProvince_IsInvalidParameters(string? carrier, string? province)
    {
        var e = Assert.Throws<SpeedUpException>(() => _sales.ListOffers(carrier, province));
        Assert.Equal((ProductErrorCode.InvalidParameters, FailureKind.InvalidArgument), (e.Code, e.Kind));
    }

    [Fact]
    public void Catalogue_IsTheTelecomTiersAndOnePriceTablePerDirectionAndPack()
    {
        var catalogue = _sales.Catalogue();

        Assert.Equal([(Direction.Up, 10, 27), (Direction.Up, 20, 26), (Direction.Down, 100, 27), (Direction.Down, 200, 26)],
            catalogue.Tiers.Select(t => (t.Direction, t.BandwidthMbps, t.Provinces.Count)));
        Assert.Equal([(Direction.Up, 20, ProductType.HourPack), (Direction.Up, 20, ProductType.ThirtyDayPack),
                (Direction.Down, 200, ProductType.HourPack), (Direction.Down, 200, ProductType.ThirtyDayPack)],
            catalogue.Prices.Select(p => (p.Direction, p.BandwidthMbps, p.Product)));
        Assert.Equal([0L, 100_000L, 200_000L], catalogue.Prices[2].Tiers.Select(t => t.MinVolume));
    }
}
