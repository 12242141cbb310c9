using Microsoft.Extensions.Options;

namespace SpeedUp.Core.Billing;

/// <summary>Checks the price tables at start-up.</summary>
public sealed class PricingOptionsValidator : IValidateOptions<PricingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PricingOptions options)
    {
        var errors = new List<string>();
        var seen = new HashSet<(Drivers.Direction, Catalogue.ProductType)>();
        for (var i = 0; i < options.Tables.Count; i++)
        {
            var t = options.Tables[i];
            var key = $"SpeedUp:Pricing:Tables:{i}";
            if (!Enum.IsDefined(t.Direction) || !Enum.IsDefined(t.Product) || t.BandwidthMbps <= 0)
            {
                errors.Add($"{key}: Direction (Up/Down), BandwidthMbps (> 0) and Product (HourPack/ThirtyDayPack) are required.");
                continue;
            }

            if (!seen.Add((t.Direction, t.Product)))
            {
                // Volume is counted per direction and pack type, never split by bandwidth: one table each.
                errors.Add($"{key}: a second table for {t.Direction} {t.Product} (one table per direction and product; BandwidthMbps is its maximum).");
            }

            if (t.Tiers.Count == 0 || t.Tiers[0].MinVolume != 0)
            {
                errors.Add($"{key}:Tiers: the first tier must start at MinVolume 0.");
                continue;
            }

            for (var j = 0; j < t.Tiers.Count; j++)
            {
                var tier = t.Tiers[j];
                if (tier.UnitPrice <= 0 || !Money.IsExact(tier.UnitPrice))
                {
                    errors.Add($"{key}:Tiers:{j}:UnitPrice must be positive with at most four decimals.");
                }

                if (j > 0 && tier.MinVolume <= t.Tiers[j - 1].MinVolume)
                {
                    errors.Add($"{key}:Tiers:{j}:MinVolume must be above the previous tier's.");
                }

                if (j > 0 && tier.UnitPrice > t.Tiers[j - 1].UnitPrice)
                {
                    // Pre-deduction freezes the first tier's price; a dearer later tier could charge more than was frozen.
                    errors.Add($"{key}:Tiers:{j}:UnitPrice must not exceed the previous tier's.");
                }
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
