using Microsoft.Extensions.Options;

namespace SpeedUp.Core.Access;

/// <summary>Checks <c>SpeedUp:Security</c> at start-up, listing every problem.</summary>
public sealed class SecurityOptionsValidator(ActionCatalogue catalogue) : IValidateOptions<SecurityOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var errors = new List<string>();
        if (options.ClockSkew <= TimeSpan.Zero || options.ClockSkew > TimeSpan.FromHours(1))
        {
            errors.Add("SpeedUp:Security:ClockSkew must be more than 0 and at most 01:00:00.");
        }

        if (options.NonceRetentionMargin <= TimeSpan.Zero || options.NonceRetentionMargin > TimeSpan.FromHours(1))
        {
            errors.Add("SpeedUp:Security:NonceRetentionMargin must be more than 0 and at most 01:00:00.");
        }

        if (string.IsNullOrWhiteSpace(options.MasterKeyPath) && string.IsNullOrWhiteSpace(options.MasterKeyEnvironmentVariable))
        {
            errors.Add("SpeedUp:Security needs MasterKeyPath or MasterKeyEnvironmentVariable.");
        }

        Bucket(errors, "PerKey", options.RateLimits.PerKey);
        Bucket(errors, "PerCustomer", options.RateLimits.PerCustomer);
        Bucket(errors, "FailedAuthenticationsPerAddress", options.RateLimits.FailedAuthenticationsPerAddress);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.BootstrapKeys.Count; i++)
        {
            var key = options.BootstrapKeys[i];
            var at = $"SpeedUp:Security:BootstrapKeys:{i}";
            if (!AccessKeyService.IsValidId(key.Id))
            {
                errors.Add($"{at}:Id must be 3..64 of [A-Za-z0-9._-].");
            }
            else if (!seen.Add(key.Id))
            {
                errors.Add($"{at}:Id '{key.Id}' is used twice.");
            }

            if (string.IsNullOrWhiteSpace(key.SecretEnvironmentVariable))
            {
                errors.Add($"{at}:SecretEnvironmentVariable is required (secrets come from the environment, never from configuration files).");
            }

            if (!string.IsNullOrEmpty(key.CustomerId) && !Customers.CustomerService.IsValidId(key.CustomerId))
            {
                errors.Add($"{at}:CustomerId must be 1..64 of [A-Za-z0-9._-].");
            }

            errors.AddRange(catalogue.Problems(key.Actions, !string.IsNullOrEmpty(key.CustomerId)).Select(p => $"{at}:Actions: {p}."));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Bucket(List<string> errors, string name, TokenBucketOptions bucket)
    {
        if (bucket.PermitsPerSecond is < 1 or > 1_000_000 || bucket.Burst is < 1 or > 10_000_000)
        {
            errors.Add($"SpeedUp:Security:RateLimits:{name} needs PermitsPerSecond 1..1000000 and Burst 1..10000000.");
        }
    }
}
