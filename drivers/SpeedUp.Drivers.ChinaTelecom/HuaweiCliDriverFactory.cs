using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpeedUp.Protocols.Cli;

namespace SpeedUp.Drivers.ChinaTelecom;

/// <summary>
/// Creates <see cref="HuaweiCliDriver"/>s over SSH for channels whose driver is <c>huawei-cli-ssh</c>:
/// Host, Port, Username, the resolved secret as password, the pinned HostKeySha256, OperationTimeout and
/// MaxSessions. Session transcripts go to the logger category <see cref="LoggerTranscriptSink.Category"/> at
/// Trace level, with the password and the dialect's secrets masked.
/// The drivers are <see cref="IAsyncDisposable"/>; dispose them to close their sessions.
/// </summary>
public sealed class HuaweiCliDriverFactory : ISubscriberLineDriverFactory
{
    /// <summary>The dialect name channels refer to.</summary>
    public const string Name = "huawei-cli-ssh";

    private readonly ILoggerFactory _loggerFactory;

    /// <summary>Creates the factory.</summary>
    /// <param name="loggerFactory">Where drivers log; nothing when null.</param>
    public HuaweiCliDriverFactory(ILoggerFactory? loggerFactory = null) =>
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;

    /// <inheritdoc/>
    public string DriverName => Name;

    /// <inheritdoc/>
    public ISubscriberLineDriver Create(SupplyChannelOptions channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var timeout = channel.OperationTimeout > TimeSpan.Zero ? channel.OperationTimeout : TimeSpan.FromSeconds(10);
        var ssh = new SshTransportOptions
        {
            Host = channel.Host,
            Port = channel.Port > 0 ? channel.Port : 22,
            Username = channel.Username ?? "",
            Password = channel.ResolveSecret() ?? "",
            PrivateKeyPath = channel.PrivateKeyPath,
            PrivateKeyPassphrase = channel.ResolvePrivateKeyPassphrase(),
            HostKeySha256 = channel.HostKeySha256,
            ConnectTimeout = timeout,
        };
        if (channel.MaxSessions is < 1 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel.MaxSessions, $"Channel {channel.Name}: MaxSessions must be 1..16.");
        }

        var options = new HuaweiCliDriverOptions
        {
            ChannelName = channel.Name,
            OperationTimeout = timeout,
            MaxSessions = channel.MaxSessions,
            Transcript = new LoggerTranscriptSink(_loggerFactory.CreateLogger(LoggerTranscriptSink.Category)),
            MaskedValues = string.IsNullOrEmpty(ssh.Password) ? [] : [ssh.Password],
        };
        return new HuaweiCliDriver(
            options,
            () => new SshShellTransport(ssh, _loggerFactory.CreateLogger<SshShellTransport>()),
            _loggerFactory);
    }
}
