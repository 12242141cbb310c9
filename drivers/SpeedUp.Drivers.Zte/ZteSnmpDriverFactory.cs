using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpeedUp.Drivers.Zte.Internal;
using SpeedUp.Protocols.Snmp;

namespace SpeedUp.Drivers.Zte;

/// <summary>
/// Creates <see cref="ZteSnmpDriver"/>s for channels whose driver is <c>zte-snmp</c>: Host, Port (UDP), the
/// resolved secret as the v2c community, or with <c>Snmp:Version = V3</c> an SNMPv3 USM user
/// (<see cref="DeviceOptions.Snmp"/>), and OperationTimeout. All drivers share one <see cref="SnmpManager"/>
/// (one UDP socket), disposed with the factory.
/// </summary>
[DriverFactory]
public sealed class ZteSnmpDriverFactory : ISubscriberLineDriverFactory, IAsyncDisposable, IDisposable
{
    /// <summary>The dialect name channels refer to.</summary>
    public const string Name = "zte-snmp";

    private readonly ILoggerFactory _loggerFactory;
    private readonly ISecretResolver _secrets;
    private readonly Lazy<SnmpManager> _manager;

    /// <summary>Creates the factory.</summary>
    /// <param name="loggerFactory">Where drivers log; nothing when null.</param>
    /// <param name="secrets">Where channel secrets come from; the environment when null.</param>
    public ZteSnmpDriverFactory(ILoggerFactory? loggerFactory = null, ISecretResolver? secrets = null)
    {
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _secrets = secrets ?? EnvironmentSecretResolver.Instance;
        _manager = new Lazy<SnmpManager>(() => new SnmpManager(
            new SnmpManagerOptions { Version = SnmpVersion.V2c, TargetPolicy = LiveDeviceGuard.RefusalFor },
            _loggerFactory.CreateLogger<SnmpManager>()));
    }

    /// <inheritdoc/>
    public string DriverName => Name;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The channel has no UDP port or no community (v2c).</exception>
    /// <exception cref="InvalidOperationException">The SNMPv3 settings are incomplete or name an unknown protocol.</exception>
    public ISubscriberLineDriver Create(DeviceOptions channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (channel.Port is < 1 or > 65535)
        {
            throw new ArgumentException("Channel " + channel.Name + ": Port must be the agent's UDP port (1-65535).", nameof(channel));
        }

        if (!channel.Snmp.IsVersion3 && string.IsNullOrEmpty(_secrets.ChannelSecret(channel)))
        {
            throw new ArgumentException("Channel " + channel.Name + ": no SNMP community (SecretEnvironmentVariable or Secret).", nameof(channel));
        }

        if (channel.OperationTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("Channel " + channel.Name + ": OperationTimeout must be positive.", nameof(channel));
        }

        _ = SnmpChannelCredentials.Build(channel, _secrets);
        return new ZteSnmpDriver(channel, _secrets, _manager.Value, _loggerFactory.CreateLogger<ZteSnmpDriver>());
    }

    /// <summary>Closes the shared SNMP socket.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_manager.IsValueCreated)
        {
            await _manager.Value.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Closes the shared SNMP socket.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
