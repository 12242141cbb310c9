using System.Net;

namespace SpeedUp.Drivers.Coa.Internal;

/// <summary>
/// The BRAS's CoA address and port, resolved on first use: <see cref="LiveDeviceGuard"/> is asked with the host as
/// configured before any name is resolved or anything sent (the client's target policy asks again with the address).
/// </summary>
internal sealed class CoaTarget(string host, int port)
{
    private IPEndPoint? _endpoint;

    public string Host { get; } = host;

    public int Port { get; } = port;

    public async ValueTask<IPEndPoint> ResolveAsync(string channel, CancellationToken cancellationToken)
    {
        if (_endpoint is not null)
        {
            return _endpoint;
        }

        if (LiveDeviceGuard.RefusalFor(Host, Port) is { } refusal)
        {
            throw new DriverException(DriverFailure.Unreachable, "Channel " + channel + ": " + refusal);
        }

        var address = IPAddress.TryParse(Host.Trim('[', ']'), out var parsed) ? parsed
            : string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : (await Dns.GetHostAddressesAsync(Host, cancellationToken).ConfigureAwait(false)).FirstOrDefault()
                ?? throw new DriverException(DriverFailure.Unreachable, "Channel " + channel + ": CoA host " + Host + " does not resolve.");
        return _endpoint = new IPEndPoint(address, Port);
    }

    public override string ToString() => Host + ":" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
