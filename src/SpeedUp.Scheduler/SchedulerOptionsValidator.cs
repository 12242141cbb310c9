using Microsoft.Extensions.Options;
using SpeedUp.Core.Catalogue;
using SpeedUp.Drivers;

namespace SpeedUp.Scheduler;

/// <summary>Checks the channel table at start-up: unique names, known drivers and provinces, usable endpoints.</summary>
public sealed class SchedulerOptionsValidator(IEnumerable<ISubscriberLineDriverFactory> factories) : IValidateOptions<SchedulerOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SchedulerOptions options)
    {
        var drivers = factories.Select(f => f.DriverName).ToHashSet(StringComparer.Ordinal);
        var errors = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Channels.Count; i++)
        {
            var channel = options.Channels[i];
            var where = $"SpeedUp:Channels:{i}";
            if (string.IsNullOrWhiteSpace(channel.Name) || !names.Add(channel.Name))
            {
                errors.Add($"{where}:Name must be set and unique, got '{channel.Name}'.");
            }

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

            if (channel.Provinces.Count == 0)
            {
                errors.Add($"{where}:Provinces must name at least one province.");
            }

            errors.AddRange(channel.Provinces.Where(p => !Provinces.All.Contains(p))
                .Select(p => $"{where}:Provinces names an unknown province '{p}'."));

            if (channel.OperationTimeout <= TimeSpan.Zero)
            {
                errors.Add($"{where}:OperationTimeout must be > 0.");
            }

            if (channel.MaxSessions is < 1 or > 16)
            {
                errors.Add($"{where}:MaxSessions must be 1..16, got {channel.MaxSessions}.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
