using System.Net;
using Microsoft.Extensions.Options;

namespace SpeedUp.Host.Telemetry;

/// <summary>Checks <see cref="TelemetryOptions"/> at start-up, naming the key of each problem.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint)
            && (!Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            errors.Add($"{TelemetryOptions.Section}:OtlpEndpoint must be an absolute http(s) URI (e.g. http://127.0.0.1:4317), or empty to turn OTLP export off.");
        }

        if (options.OpenSessionsInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{TelemetryOptions.Section}:OpenSessionsInterval must be at least 00:00:01.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>Checks <see cref="AdminEndpointOptions"/> at start-up, naming the key of each problem.</summary>
internal sealed class AdminEndpointOptionsValidator(IOptions<HostingOptions> hosting) : IValidateOptions<AdminEndpointOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AdminEndpointOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (!IPAddress.TryParse(options.Address, out _))
        {
            errors.Add($"{AdminEndpointOptions.Section}:Address must be an IP address (got '{options.Address}').");
        }

        if (options.Port is < 0 or > 65535)
        {
            errors.Add($"{AdminEndpointOptions.Section}:Port must be 0..65535 (0 picks a free port).");
        }
        else if (options.Port != 0 && options.Port == hosting.Value.Port)
        {
            errors.Add($"{AdminEndpointOptions.Section}:Port must differ from SpeedUp:Host:Port ({options.Port}): the gRPC endpoint never serves /metrics.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
