using System.Net;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Catalogue;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Tests;

public sealed class OfferCatalogueTests
{
    private static readonly OfferCatalogue Catalogue = new(Options.Create(new CatalogueOptions()));

    [Fact]
    public void Provinces_ChinaTelecom_ListsTheProductProvincesExactly()
    {
        Assert.Equal(27, Provinces.ChinaTelecomBase.Count);
        Assert.Equal(26, Provinces.ChinaTelecomHigh.Count);
        Assert.DoesNotContain("Yunnan", Provinces.ChinaTelecomHigh);
        Assert.Equal(31, Provinces.All.Count);
    }

    [Theory]
    [InlineData("Zhejiang", new[] { 10, 20 }, new[] { 100, 200 })]
    [InlineData("Yunnan", new[] { 10 }, new[] { 100 })]
    public void OffersFor_TelecomProvince_FollowsTheTierTable(string province, int[] up, int[] down)
    {
        var offers = Catalogue.OffersFor(Carrier.ChinaTelecom, province, Line(upKbps: 4000, downKbps: 50000));

        Assert.Equal(up, offers.Where(o => o.Direction == Direction.Up).Select(o => o.BandwidthMbps).Distinct());
        Assert.Equal(down, offers.Where(o => o.Direction == Direction.Down).Select(o => o.BandwidthMbps).Distinct());
        Assert.All(offers.GroupBy(o => (o.Direction, o.BandwidthMbps)), g =>
            Assert.Equal([ProductType.HourPack, ProductType.ThirtyDayPack], g.Select(o => o.Product)));
    }

    [Fact]
    public void Serves_TelecomInGuangdong_IsFalseWithNoOffers()
    {
        Assert.False(Catalogue.Serves(Carrier.ChinaTelecom, "Guangdong"));
        Assert.Empty(Catalogue.OffersFor(Carrier.ChinaTelecom, "Guangdong", Line(4000, 50000)));
    }

    [Fact]
    public void OffersFor_LineWithRatesAndCapability_OffersOnlyTiersAboveTheRateAndWithinCapability()
    {
        var line = Line(upKbps: 10000, downKbps: 50000, maxUp: 20000, maxDown: 100000);

        var offers = Catalogue.OffersFor(Carrier.ChinaTelecom, "Zhejiang", line);

        Assert.Equal([(Direction.Up, 20), (Direction.Down, 100)],
            offers.Select(o => (o.Direction, o.BandwidthMbps)).Distinct());
    }

    [Fact]
    public void OffersFor_SpeedUpNotPermitted_GetsNoOffers()
    {
        var line = Line(4000, 50000) with { Capability = new LineCapability(20000, 200000, SpeedUpPermitted: false) };

        Assert.Empty(Catalogue.OffersFor(Carrier.ChinaTelecom, "Zhejiang", line));
    }

    [Fact]
    public void OffersFor_Unicom_TiersComeFromConfiguration()
    {
        var options = new CatalogueOptions();
        var tier = new UnicomTierOptions { Direction = Direction.Down, BandwidthMbps = 300 };
        tier.Provinces.Add("Beijing");
        options.ChinaUnicom.Add(tier);
        var catalogue = new OfferCatalogue(Options.Create(options));

        var offers = catalogue.OffersFor(Carrier.ChinaUnicom, "Beijing", Line(4000, 50000, maxDown: 500000));

        Assert.Equal([300], offers.Select(o => o.BandwidthMbps).Distinct());
        Assert.Empty(catalogue.OffersFor(Carrier.ChinaUnicom, "Sichuan", Line(4000, 50000)));
    }

    [Fact]
    public void Validate_UnicomTiersBeyondTheProductLimits_Fails()
    {
        var options = new CatalogueOptions();
        var tier = new UnicomTierOptions { Direction = Direction.Up, BandwidthMbps = 60 };
        tier.Provinces.Add("Atlantis");
        options.ChinaUnicom.Add(tier);

        var result = new CatalogueOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("1..50", result.FailureMessage);
        Assert.Contains("Atlantis", result.FailureMessage);
    }

    [Theory]
    [InlineData(Direction.Down, 200, ProductType.HourPack, 202001, 1)]
    [InlineData(Direction.Up, 20, ProductType.ThirtyDayPack, 100202, 9999)]
    public void OfferId_AnyOffer_IsStableAndDecodable(Direction direction, int mbps, ProductType product, long id, long hours)
    {
        var offer = new Offer(direction, mbps, product);

        Assert.Equal(id, offer.OfferId);
        Assert.Equal(hours, offer.DurationHours);
        Assert.Equal(offer, Offer.FromOfferId(id));
    }

    [Theory]
    [InlineData(909999)]
    [InlineData(429496729802001)] // (2^32 + 2) × 100000 + 2001: its direction part narrowed to int would be 2 (DOWN)
    [InlineData(429496729700201)] // (2^32 + 1) × 100000 + 201: would be 1 (UP)
    [InlineData(-98001)]
    public void FromOfferId_UnknownId_IsNull(long offerId) => Assert.Null(Offer.FromOfferId(offerId));

    internal static SubscriberLine Line(long upKbps, long downKbps, long maxUp = 20000, long maxDown = 200000) =>
        new(1, "acct", IPAddress.Parse("202.101.172.35"), PortRange.All, new LineRates(upKbps, downKbps),
            new LineCapability(maxUp, maxDown, true));
}
