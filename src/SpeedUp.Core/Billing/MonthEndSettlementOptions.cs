using Microsoft.Extensions.Options;

namespace SpeedUp.Core.Billing;

/// <summary>Automatic month-end settlement (section <c>SpeedUp:Settlement</c>).</summary>
public sealed class MonthEndSettlementOptions
{
    /// <summary>Whether the service settles finished months by itself. Default true.</summary>
    public bool Automatic { get; set; } = true;

    /// <summary>How often it looks for months due. Default 1 hour (and once at start-up).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after CST month end a month becomes due, so orders placed in its last instant are in. Default 10 minutes.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many finished months are looked at, newest first (catches up after downtime). Default 3.</summary>
    public int CatchUpMonths { get; set; } = 3;
}

/// <summary>Checks <see cref="MonthEndSettlementOptions"/> at start-up.</summary>
public sealed class MonthEndSettlementOptionsValidator : IValidateOptions<MonthEndSettlementOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, MonthEndSettlementOptions options)
    {
        var errors = new List<string>();
        if (options.CheckInterval < TimeSpan.FromSeconds(1) || options.CheckInterval > TimeSpan.FromDays(1))
        {
            errors.Add($"SpeedUp:Settlement:CheckInterval must be between 1 second and 1 day, got {options.CheckInterval}.");
        }

        if (options.Delay < TimeSpan.Zero || options.Delay > TimeSpan.FromDays(7))
        {
            errors.Add($"SpeedUp:Settlement:Delay must be between 0 and 7 days, got {options.Delay}.");
        }

        if (options.CatchUpMonths is < 1 or > 24)
        {
            errors.Add($"SpeedUp:Settlement:CatchUpMonths must be 1-24, got {options.CatchUpMonths}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
