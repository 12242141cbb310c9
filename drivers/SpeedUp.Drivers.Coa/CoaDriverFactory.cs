using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpeedUp.Drivers.Coa.Internal;
using SpeedUp.Protocols.Radius;

namespace SpeedUp.Drivers.Coa;

/// <summary>
/// Creates <see cref="CoaDriver"/>s for one vendor file. What it takes from the channel: <c>Coa:ReadDriver</c> (the read
/// face, built by its own factory from the same channel keys), <c>Coa:Host</c> (default the channel's Host),
/// <c>Coa:Port</c> (3799), the shared secret (<c>Coa:SecretEnvironmentVariable</c>, inline <c>Coa:Secret</c> on
/// loopback only), <c>Coa:AttemptTimeout</c>, <c>Coa:Retries</c>, <c>Coa:DictionaryDirectory</c> and OperationTimeout.
/// Each driver has its own RADIUS client (one UDP socket) and is <see cref="IAsyncDisposable"/>.
/// </summary>
public abstract class CoaDriverFactory : ISubscriberLineDriverFactory, IAsyncDisposable
{
    /// <summary>Where the dictionaries are when the channel does not say.</summary>
    public const string DefaultDictionaryDirectory = "/usr/share/freeradius";

    private readonly CoaVendorDefinition _vendor;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ISecretResolver _secrets;
    private readonly TimeProvider _time;
    private readonly ReadDriverFactories _reads;
    private readonly ConcurrentDictionary<string, CoaVendor> _compiled = new(StringComparer.Ordinal);

    /// <summary>Creates the factory of <paramref name="vendor"/>.</summary>
    /// <param name="vendor">The vendor file.</param>
    /// <param name="loggerFactory">Where drivers log; nothing when null.</param>
    /// <param name="secrets">Where channel secrets come from; the environment when null.</param>
    /// <param name="services">The service's container, whose driver factories build read faces; the built-in drivers when null.</param>
    /// <param name="timeProvider">The clock of attempt timeouts and the operation budget; the system clock when null.</param>
    protected CoaDriverFactory(CoaVendorDefinition vendor, ILoggerFactory? loggerFactory, ISecretResolver? secrets, IServiceProvider? services, TimeProvider? timeProvider)
    {
        _time = timeProvider ?? TimeProvider.System;
        _vendor = vendor ?? throw new ArgumentNullException(nameof(vendor));
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _secrets = secrets ?? EnvironmentSecretResolver.Instance;
        _reads = new ReadDriverFactories(services, loggerFactory, secrets);
    }

    /// <inheritdoc/>
    public string DriverName => _vendor.Driver;

    /// <summary>The vendor compiled against the dictionaries of <paramref name="dictionaryDirectory"/> (cached).</summary>
    public CoaVendor Vendor(string? dictionaryDirectory = null) =>
        _compiled.GetOrAdd(dictionaryDirectory ?? DefaultDictionaryDirectory, directory => CoaVendor.Compile(_vendor, directory));

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">A CoA setting is missing or out of range, or the read driver is unknown.</exception>
    /// <exception cref="InvalidOperationException">The vendor's dictionaries cannot be loaded.</exception>
    public ISubscriberLineDriver Create(DeviceOptions channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var coa = channel.Coa;
        var where = "Channel " + channel.Name + ": ";
        if (coa.Port is < 1 or > 65535)
        {
            throw new ArgumentException(where + "Coa:Port must be the BRAS's CoA UDP port (1-65535).", nameof(channel));
        }

        if (channel.OperationTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException(where + "OperationTimeout must be positive.", nameof(channel));
        }

        if (coa.Retries is < 0 or > 10 || coa.AttemptTimeout is { } t && (t <= TimeSpan.Zero || t > TimeSpan.FromSeconds(60)))
        {
            throw new ArgumentException(where + "Coa:Retries must be 0..10 and Coa:AttemptTimeout more than zero and at most 60 s.", nameof(channel));
        }

        var secret = _secrets.CoaSecret(channel);
        if (string.IsNullOrEmpty(secret))
        {
            throw new ArgumentException(where + "no CoA shared secret (Coa:SecretEnvironmentVariable or Coa:Secret).", nameof(channel));
        }

        var vendor = Vendor(coa.DictionaryDirectory);
        var reads = _reads.Find(channel.Name, coa.ReadDriver).Create(channel);
        var host = string.IsNullOrWhiteSpace(coa.Host) ? channel.Host : coa.Host;
        var client = new RadiusClient(
            new RadiusClientOptions
            {
                Timeout = coa.AttemptTimeout ?? TimeSpan.FromTicks(Math.Min(channel.OperationTimeout.Ticks / 3, TimeSpan.FromSeconds(60).Ticks)),
                Retries = coa.Retries,
                TimeProvider = _time,
                LocalEndpoint = new IPEndPoint(IPAddress.TryParse(host.Trim('[', ']'), out var a) && a.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0),
                TargetPolicy = endpoint => LiveDeviceGuard.RefusalFor(endpoint.Address.ToString(), endpoint.Port),
            },
            vendor.Dictionary,
            _loggerFactory.CreateLogger<RadiusClient>());
        return new CoaDriver(channel, vendor, reads, client, new RadiusSharedSecret(secret), new CoaTarget(host, coa.Port), _time, _loggerFactory.CreateLogger<CoaDriver>());
    }

    /// <summary>Disposes the built-in read factories it created.</summary>
    public async ValueTask DisposeAsync()
    {
        await _reads.DisposeAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }
}
