using Microsoft.Extensions.Options;

namespace SpeedUp.Core.Prechecks;

/// <summary>Checks the pre-check settings at start-up.</summary>
public sealed class PrecheckOptionsValidator : IValidateOptions<PrecheckOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PrecheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.ValidFor <= TimeSpan.Zero || options.ValidFor > TimeSpan.FromDays(1))
        {
            errors.Add($"SpeedUp:Precheck:ValidFor must be > 0 and at most a day, got {options.ValidFor}.");
        }

        if (options.LineLookupReuse < TimeSpan.Zero || options.LineLookupReuse > options.ValidFor)
        {
            errors.Add($"SpeedUp:Precheck:LineLookupReuse must be 0..ValidFor ({options.ValidFor}), got {options.LineLookupReuse}.");
        }

        if (options.LineLookupCapacity is < 0 or > 1_000_000)
        {
            errors.Add($"SpeedUp:Precheck:LineLookupCapacity must be 0..1000000, got {options.LineLookupCapacity}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
