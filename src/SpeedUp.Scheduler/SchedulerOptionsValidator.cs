using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Catalogue;
using SpeedUp.Drivers;

namespace SpeedUp.Scheduler;

/// <summary>
/// Checks the channel table at start-up: unique names, known drivers, provinces and tiers, channels sharing a province
/// reaching the same lines (<see cref="SharedProvinceRule"/>), usable endpoints, sane
/// capacity, scheduling and resilience settings, and device secrets given by reference (an inline secret only for a
/// simulator on loopback). Every problem is reported with its configuration key, never with a secret.
/// </summary>
public sealed partial class SchedulerOptionsValidator(IEnumerable<ISubscriberLineDriverFactory> factories, OfferCatalogue catalogue) : IValidateOptions<SchedulerOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SchedulerOptions options)
    {
        var drivers = factories.Select(f => f.DriverName).ToHashSet(StringComparer.Ordinal);
        var errors = new List<string>();
        errors.AddRange(factories.GroupBy(f => f.DriverName, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g =>
            $"Driver name '{g.Key}' is registered more than once: {string.Join(", ", g.Select(f => $"{f.GetType().FullName} ({f.GetType().Assembly.GetName().Name})"))}. Rename one (factory DriverName or dialect \"driver\")."));
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Channels.Count; i++)
        {
            var channel = options.Channels[i];
            var where = $"SpeedUp:Channels:{i}";
            if (string.IsNullOrWhiteSpace(channel.Name) || !names.Add(channel.Name))
            {
                errors.Add($"{where}:Name must be set and unique, got '{channel.Name}'.");
            }

            errors.AddRange(InlineSecretProblems(channel, where));
            if (!Enum.IsDefined(channel.Carrier))
            {
                errors.Add($"{where}:Carrier must be ChinaTelecom or ChinaUnicom.");
            }

            if (!drivers.Contains(channel.Driver))
            {
                errors.Add($"{where}:Driver '{channel.Driver}' is not a registered driver ({string.Join(", ", drivers.Order())}).");
            }

            if (channel.Port is <= 0 or > 65535)
            {
                errors.Add($"{where}:Port must be 1..65535, got {channel.Port}.");
            }

            errors.AddRange(ChannelProvinces.Problems(channel, where));
            if (channel.Reaches is { } reaches && !string.IsNullOrWhiteSpace(reaches) && !ReachesPattern().IsMatch(reaches.Trim()))
            {
                errors.Add($"{where}:Reaches '{reaches}' must be a name of 1..64 letters, digits, '.', '_', ':' or '-' (e.g. zj-bras-1).");
            }

            if (channel.OperationTimeout <= TimeSpan.Zero)
            {
                errors.Add($"{where}:OperationTimeout must be > 0.");
            }

            if (channel.MaxSessions is < 1 or > 16)
            {
                errors.Add($"{where}:MaxSessions must be 1..16, got {channel.MaxSessions}.");
            }

            ValidateScheduling(channel, where, errors);
        }

        errors.AddRange(SharedProvinceRule.Problems(options.Channels));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void ValidateScheduling(SupplyChannelOptions channel, string where, List<string> errors)
    {
        foreach (var text in channel.Tiers)
        {
            if (!ChannelTier.TryParse(text, out var tier))
            {
                errors.Add($"{where}:Tiers has '{text}'; write Direction:Mbps, e.g. Down:200 or Up:50.");
            }
            else if (!catalogue.IsKnownTier(tier.Direction, tier.BandwidthMbps))
            {
                errors.Add($"{where}:Tiers has {tier}, which is not a speed-up tier of the product.");
            }
        }

        if (channel.Capacity.MaxSpeedUps < 0 || channel.Capacity.BandwidthPoolMbps < 0)
        {
            errors.Add($"{where}:Capacity:MaxSpeedUps and BandwidthPoolMbps must be >= 0 (0 = unlimited).");
        }

        if (channel.Weight is < 1 or > 10_000)
        {
            errors.Add($"{where}:Weight must be 1..10000, got {channel.Weight}.");
        }

        if (channel.Cost < 0)
        {
            errors.Add($"{where}:Cost must be >= 0, got {channel.Cost}.");
        }

        var r = channel.Resilience;
        if (r.ReadRetries is < 0 or > 5)
        {
            errors.Add($"{where}:Resilience:ReadRetries must be 0..5, got {r.ReadRetries}.");
        }

        if (r.RetryDelay < TimeSpan.Zero || r.RetryDelay > TimeSpan.FromSeconds(10))
        {
            errors.Add($"{where}:Resilience:RetryDelay must be 0..10 s, got {r.RetryDelay}.");
        }

        if (r.CallTimeout is { } callTimeout && (callTimeout <= TimeSpan.Zero || callTimeout > TimeSpan.FromDays(1)))
        {
            errors.Add($"{where}:Resilience:CallTimeout must be > 0, got {callTimeout}.");
        }

        if (r.FailureRatio is <= 0 or > 1)
        {
            errors.Add($"{where}:Resilience:FailureRatio must be in (0, 1], got {r.FailureRatio}.");
        }

        if (r.MinimumThroughput < 2)
        {
            errors.Add($"{where}:Resilience:MinimumThroughput must be >= 2, got {r.MinimumThroughput}.");
        }

        if (r.SamplingDuration < TimeSpan.FromMilliseconds(500) || r.BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            errors.Add($"{where}:Resilience:SamplingDuration and BreakDuration must be >= 0.5 s.");
        }

        var a = channel.Admission;
        if (a.MaxConcurrentCalls is < 0 or > 1024)
        {
            errors.Add($"{where}:Admission:MaxConcurrentCalls must be 0 (the driver's own limit) or 1..1024, got {a.MaxConcurrentCalls}.");
        }

        if (a.QueueLimit is < 0 or > 100_000 || a.QueueLimitPerCustomer is < 0 or > 100_000)
        {
            errors.Add($"{where}:Admission:QueueLimit and QueueLimitPerCustomer must be 0..100000, got {a.QueueLimit} and {a.QueueLimitPerCustomer}.");
        }

        if (a.QueueTimeout is { } queueTimeout && (queueTimeout <= TimeSpan.Zero || queueTimeout > TimeSpan.FromMinutes(5)))
        {
            errors.Add($"{where}:Admission:QueueTimeout must be > 0 and at most 5 min, got {queueTimeout}.");
        }
    }

    /// <summary>
    /// Device credentials come from environment variables (<c>SecretEnvironmentVariable</c>, <c>Snmp:AuthSecretEnvironmentVariable</c>,
    /// <c>Snmp:PrivSecretEnvironmentVariable</c>, <c>Coa:SecretEnvironmentVariable</c>): an inline secret would sit in a configuration file. It is accepted only
    /// for a channel to a loopback address, where it can only be a local simulator.
    /// </summary>
    private static IEnumerable<string> InlineSecretProblems(SupplyChannelOptions channel, string where)
    {
        var loopback = LiveDeviceGuard.IsLoopback(channel.Host) && (channel.Coa.Host is null || LiveDeviceGuard.IsLoopback(channel.Coa.Host));
        if (loopback)
        {
            yield break;
        }

        foreach (var (key, value) in new[]
                 {
                     ("Secret", channel.Secret), ("Snmp:AuthSecret", channel.Snmp.AuthSecret), ("Snmp:PrivSecret", channel.Snmp.PrivSecret),
                     ("Coa:Secret", channel.Coa.Secret),
                 })
        {
            if (!string.IsNullOrEmpty(value))
            {
                yield return $"{where}:{key} is set inline, which is for simulators on loopback only: a channel to {channel.Host} takes its secrets " +
                    "from environment variables (the matching …EnvironmentVariable key).";
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")]
    private static partial Regex ReachesPattern();
}
