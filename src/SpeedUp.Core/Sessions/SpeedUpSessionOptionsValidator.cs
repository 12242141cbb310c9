using Microsoft.Extensions.Options;

namespace SpeedUp.Core.Sessions;

/// <summary>Keeps session durations within the product's 4-hour cap.</summary>
public sealed class SpeedUpSessionOptionsValidator : IValidateOptions<SpeedUpSessionOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SpeedUpSessionOptions options)
    {
        var errors = new List<string>();
        if (options.MaxDuration <= TimeSpan.Zero || options.MaxDuration > SpeedUpSessionOptions.ProductMaximum)
        {
            errors.Add($"SpeedUp:Sessions:MaxDuration must be > 0 and at most {SpeedUpSessionOptions.ProductMaximum}, got {options.MaxDuration}.");
        }

        if (options.DefaultDuration <= TimeSpan.Zero || options.DefaultDuration > SpeedUpSessionOptions.ProductMaximum)
        {
            errors.Add($"SpeedUp:Sessions:DefaultDuration must be > 0 and at most {SpeedUpSessionOptions.ProductMaximum}, got {options.DefaultDuration}.");
        }

        if (options.SweepInterval <= TimeSpan.Zero)
        {
            errors.Add("SpeedUp:Sessions:SweepInterval must be > 0.");
        }

        if (options.RestoreConcurrency is < 1 or > 256)
        {
            errors.Add($"SpeedUp:Sessions:RestoreConcurrency must be between 1 and 256, got {options.RestoreConcurrency}.");
        }

        if (options.ReconcileInterval < TimeSpan.FromMilliseconds(100))
        {
            errors.Add($"SpeedUp:Sessions:ReconcileInterval must be at least 100 ms, got {options.ReconcileInterval}.");
        }

        if (options.ReconcileReadsPerSecond is < 1 or > 100_000)
        {
            errors.Add($"SpeedUp:Sessions:ReconcileReadsPerSecond must be between 1 and 100000, got {options.ReconcileReadsPerSecond}.");
        }

        if (options.VerifyEndedFor < TimeSpan.Zero)
        {
            errors.Add($"SpeedUp:Sessions:VerifyEndedFor must be >= 0, got {options.VerifyEndedFor}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
