using Microsoft.Extensions.Options;

namespace SpeedUp.Core.Events;

/// <summary>Refuses event settings that cannot work, naming the key.</summary>
public sealed class SessionEventOptionsValidator : IValidateOptions<SessionEventOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SessionEventOptions options)
    {
        var failures = new List<string>();
        Between(failures, "PollInterval", options.PollInterval, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(1));
        Between(failures, "Heartbeat", options.Heartbeat, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        Between(failures, "Retention", options.Retention, TimeSpan.FromHours(1), TimeSpan.FromDays(90));
        if (options.BatchSize is < 1 or > 10_000)
        {
            failures.Add($"{SessionEventOptions.Section}:BatchSize must be between 1 and 10000 (got {options.BatchSize}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Between(List<string> failures, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{SessionEventOptions.Section}:{key} must be between {min} and {max} (got {value}).");
        }
    }
}
