using Microsoft.Extensions.Options;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Catalogue;

/// <summary>Rejects Unicom tiers outside the product's limits (≤ 50 Mbps up, ≤ 500 Mbps down) or naming unknown provinces.</summary>
public sealed class CatalogueOptionsValidator : IValidateOptions<CatalogueOptions>
{
    /// <summary>Highest upstream target the product sells, Mbit/s.</summary>
    public const int MaxUpMbps = 50;

    /// <summary>Highest downstream target the product sells, Mbit/s.</summary>
    public const int MaxDownMbps = 500;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CatalogueOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.ChinaUnicom.Count; i++)
        {
            var tier = options.ChinaUnicom[i];
            var where = $"SpeedUp:Catalogue:ChinaUnicom:{i}";
            if (!Enum.IsDefined(tier.Direction))
            {
                errors.Add($"{where}:Direction must be Up or Down.");
            }

            var ceiling = tier.Direction == Direction.Up ? MaxUpMbps : MaxDownMbps;
            if (tier.BandwidthMbps <= 0 || tier.BandwidthMbps > ceiling)
            {
                errors.Add($"{where}:BandwidthMbps must be 1..{ceiling} for {tier.Direction}, got {tier.BandwidthMbps}.");
            }

            errors.AddRange(tier.Provinces.Where(p => !Provinces.All.Contains(p))
                .Select(p => $"{where}:Provinces names an unknown province '{p}'."));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
