using Microsoft.Extensions.Options;

namespace SpeedUp.Core.Webhooks;

/// <summary>Refuses webhook settings that cannot work, naming the key.</summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.AllowedHosts.Count; i++)
        {
            if (!WebhookUrlPolicy.IsHostPattern(options.AllowedHosts[i]))
            {
                failures.Add($"{WebhookOptions.Section}:AllowedHosts:{i} must be a host name, an IP address or '*.' followed by a domain (got '{options.AllowedHosts[i]}').");
            }
        }

        Count(failures, "MaxAttempts", options.MaxAttempts, 1, 100);
        Count(failures, "ClaimBatch", options.ClaimBatch, 1, 10_000);
        Count(failures, "Concurrency", options.Concurrency, 1, 256);
        Count(failures, "MaxSinksPerCustomer", options.MaxSinksPerCustomer, 1, 1000);
        Between(failures, "InitialBackoff", options.InitialBackoff, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1));
        Between(failures, "MaxBackoff", options.MaxBackoff, options.InitialBackoff, TimeSpan.FromDays(1));
        Between(failures, "Timeout", options.Timeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));
        Between(failures, "ClaimLease", options.ClaimLease, options.Timeout + options.Timeout, TimeSpan.FromHours(1));
        Between(failures, "PollInterval", options.PollInterval, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(1));
        if (!Uri.TryCreate(options.Source, UriKind.RelativeOrAbsolute, out _) || string.IsNullOrWhiteSpace(options.Source))
        {
            failures.Add($"{WebhookOptions.Section}:Source must be a URI reference (got '{options.Source}').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Count(List<string> failures, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{WebhookOptions.Section}:{key} must be between {min} and {max} (got {value}).");
        }
    }

    private static void Between(List<string> failures, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{WebhookOptions.Section}:{key} must be between {min} and {max} (got {value}).");
        }
    }
}
