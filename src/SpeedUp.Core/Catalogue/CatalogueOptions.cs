namespace SpeedUp.Core.Catalogue;

/// <summary>
/// Configuration of the offer catalogue (section <c>SpeedUp:Catalogue</c>). China Telecom's tiers are the
/// product's and fixed; China Unicom's come from here (appsettings.json ships a default set).
/// </summary>
public sealed class CatalogueOptions
{
    /// <summary>China Unicom tiers. Default: empty (no Unicom offers) unless configured.</summary>
    public IList<UnicomTierOptions> ChinaUnicom { get; } = new List<UnicomTierOptions>();
}
