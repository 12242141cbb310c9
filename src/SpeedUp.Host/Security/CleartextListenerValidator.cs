using System.Net;
using Microsoft.Extensions.Options;

namespace SpeedUp.Host.Security;

/// <summary>
/// Refuses, at start-up, a gRPC listener that would speak cleartext on an address other than loopback, unless
/// <see cref="TransportSecurityOptions.AllowCleartextOnNonLoopback"/> says so (then it warns). Loopback addresses and
/// any listener with TLS pass.
/// </summary>
internal sealed partial class CleartextListenerValidator(IOptions<TransportSecurityOptions> transport, ILogger<CleartextListenerValidator> logger)
    : IValidateOptions<HostingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, HostingOptions options)
    {
        if (!IPAddress.TryParse(options.Address, out var address))
        {
            return ValidateOptionsResult.Fail($"SpeedUp:Host:Address '{options.Address}' is not an IP address.");
        }

        if (options.Tls.Enabled || IPAddress.IsLoopback(address))
        {
            return ValidateOptionsResult.Success;
        }

        if (transport.Value.AllowCleartextOnNonLoopback)
        {
            LogCleartextAllowed(options.Address, TransportSecurityOptions.AllowCleartextKey);
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(
            $"SpeedUp:Host:Address is {options.Address}, not a loopback address, and TLS is off (SpeedUp:Host:Tls:CertificatePath is unset): " +
            $"signed calls and answers would cross the network in cleartext. Turn TLS on, listen on 127.0.0.1, or set " +
            $"{TransportSecurityOptions.AllowCleartextKey}=true (e.g. behind a TLS-terminating proxy).");
    }

    [LoggerMessage(EventId = 6020, Level = LogLevel.Warning,
        Message = "The gRPC endpoint serves cleartext (no TLS) on the non-loopback address {Address}, allowed by {Key}: calls and answers cross the network unencrypted")]
    private partial void LogCleartextAllowed(string address, string key);
}
