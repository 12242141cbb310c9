using Microsoft.Extensions.Options;

namespace SpeedUp.Core.Cluster;

/// <summary>Refuses cluster settings that cannot work, naming the key.</summary>
public sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        var failures = new List<string>();
        if (options.InstanceId.Length > 100 || options.InstanceId.Any(char.IsControl))
        {
            failures.Add("SpeedUp:Cluster:InstanceId must be at most 100 printable characters.");
        }

        if (options.ClaimLease < TimeSpan.FromSeconds(2) || options.ClaimLease > TimeSpan.FromHours(1))
        {
            failures.Add($"SpeedUp:Cluster:ClaimLease must be between 00:00:02 and 01:00:00 (got {options.ClaimLease}).");
        }

        if (options.ClaimBatch is < 1 or > 10_000)
        {
            failures.Add($"SpeedUp:Cluster:ClaimBatch must be between 1 and 10000 (got {options.ClaimBatch}).");
        }

        if (options.Instances is < 1 or > 1000)
        {
            failures.Add($"SpeedUp:Cluster:Instances must be between 1 and 1000 (got {options.Instances}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
