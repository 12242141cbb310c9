using SpeedUp.Core.Billing;
using SpeedUp.Core.Channels;
using SpeedUp.Core.Errors;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Catalogue;

/// <summary>An offer as sold in an area, with its price table (null when not priced: it cannot be ordered).</summary>
public sealed record ListedOffer(Offer Offer, PriceTable? Prices);

/// <summary>The offers sold for a carrier in a province (empty: the product does not speed up lines there).</summary>
public sealed record AreaOffers(Carrier Carrier, string Province, IReadOnlyList<ListedOffer> Offers);

/// <summary>The product's catalogue as a customer sees it: which tiers are delivered where, and the price tables.</summary>
public sealed record ProductCatalogue(IReadOnlyList<SpeedUpTier> Tiers, IReadOnlyList<PriceTable> Prices);

/// <summary>
/// What the product sells, without a pre-check: the offers of a carrier and province (tiers of the catalogue that a
/// configured supply channel serves, each as an hour pack and a 30-day pack, with their prices), and the whole catalogue.
/// No line is looked up and no device is asked.
/// </summary>
public sealed class SalesQueries(OfferCatalogue catalogue, PriceList prices, ISupplyScheduler scheduler)
{
    /// <summary>
    /// The offers for <paramref name="carrier"/> (<c>ChinaTelecom</c> or <c>ChinaUnicom</c>) in <paramref name="province"/>
    /// (an English province name, e.g. <c>Zhejiang</c>). Unknown names are <c>isv.INVALID_PARAMETERS</c>.
    /// </summary>
    public AreaOffers ListOffers(string? carrier, string? province)
    {
        var which = ParseCarrier(carrier);
        var where = ParseProvince(province);
        var offers = catalogue.OffersIn(which, where)
            .Where(o => scheduler.CanServe(new ChannelDemand(which, where, o.Direction, o.BandwidthMbps)))
            .Select(o => new ListedOffer(o, prices.Find(o.Direction, o.BandwidthMbps, o.Product)))
            .ToArray();
        return new AreaOffers(which, where, offers);
    }

    /// <summary>Every tier with its carrier and provinces, and every price table.</summary>
    public ProductCatalogue Catalogue() =>
        new([.. catalogue.Tiers.OrderBy(t => t.Carrier).ThenBy(t => t.Direction).ThenBy(t => t.BandwidthMbps)], prices.All);

    /// <summary>Parses a carrier name as the pre-check reports it.</summary>
    public static Carrier ParseCarrier(string? carrier) => carrier switch
    {
        nameof(Carrier.ChinaTelecom) => Carrier.ChinaTelecom,
        nameof(Carrier.ChinaUnicom) => Carrier.ChinaUnicom,
        _ => throw SpeedUpException.InvalidParameter("carrier must be ChinaTelecom or ChinaUnicom."),
    };

    /// <summary>Checks a province name (English, as the pre-check reports it).</summary>
    public static string ParseProvince(string? province) =>
        province is not null && Provinces.All.Contains(province)
            ? province
            : throw SpeedUpException.InvalidParameter(
                "province must be a mainland province's English name as the pre-check reports it, e.g. Zhejiang or Inner Mongolia.");
}
