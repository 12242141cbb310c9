using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpeedUp.Protocols.Cli;
using SpeedUp.Drivers.Cli.Dialects;
using SpeedUp.Drivers.Cli;

namespace SpeedUp.Drivers.Zte;

/// <summary>
/// Creates <see cref="ZteCliDriver"/>s over SSH for channels whose driver is <c>zte-cli-ssh</c>: Host, Port,
/// Username, the resolved secret as password, the pinned HostKeySha256, OperationTimeout and MaxSessions.
/// Session transcripts go to the logger category <see cref="LoggerTranscriptSink.Category"/> at Trace level,
/// with the password masked.
/// The drivers are <see cref="IAsyncDisposable"/>; dispose them to close their sessions.
/// </summary>
[DriverFactory]
public sealed class ZteCliDriverFactory : ISubscriberLineDriverFactory
{
    /// <summary>The driver name channels refer to.</summary>
    public const string Name = "zte-cli-ssh";

    private readonly ILoggerFactory _loggerFactory;
    private readonly ISecretResolver _secrets;

    /// <summary>Creates the factory.</summary>
    /// <param name="loggerFactory">Where drivers log; nothing when null.</param>
    /// <param name="secrets">Where channel secrets come from; the environment when null.</param>
    public ZteCliDriverFactory(ILoggerFactory? loggerFactory = null, ISecretResolver? secrets = null)
    {
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _secrets = secrets ?? EnvironmentSecretResolver.Instance;
    }

    /// <inheritdoc/>
    public string DriverName => Name;

    /// <inheritdoc/>
    public ISubscriberLineDriver Create(DeviceOptions channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var device = CliDeviceEndpoint.From(channel, _secrets, _loggerFactory);
        var dialect = ZteCliDialect.Definition.WithPrompts(channel.Prompts, channel.Name);
        var options = device.Options<ZteCliDriverOptions>(channel.Name, channel.MaxSessions);
        options.Dialect = dialect.Cli;
        return new ZteCliDriver(dialect, options, device.NewTransport, _loggerFactory);
    }
}
