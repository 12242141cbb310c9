using Microsoft.Extensions.Options;
using SpeedUp.Core.Billing;

namespace SpeedUp.Core.Customers;

/// <summary>Checks the customer settings at start-up.</summary>
public sealed class CustomerOptionsValidator : IValidateOptions<CustomerOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CustomerOptions options)
    {
        var errors = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Seed.Count; i++)
        {
            var seed = options.Seed[i];
            if (!CustomerService.IsValidId(seed.Id))
            {
                errors.Add($"SpeedUp:Customers:Seed:{i}:Id must be 1..64 of [A-Za-z0-9._-].");
            }
            else if (!ids.Add(seed.Id))
            {
                errors.Add($"SpeedUp:Customers:Seed:{i}:Id '{seed.Id}' appears twice.");
            }

            if (seed.Balance < 0 || !Money.IsExact(seed.Balance))
            {
                errors.Add($"SpeedUp:Customers:Seed:{i}:Balance must be ≥ 0 with at most four decimals.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
