using Microsoft.Extensions.Logging;
using SpeedUp.Drivers;

namespace SpeedUp.Drivers.Cli;

/// <summary>
/// Turns a supply channel into what an SSH CLI driver needs: the SSH login (host, port, user, password or key, the
/// pinned host key) and the driver settings (timeout, sessions, a masked transcript at Trace level).
/// </summary>
public sealed class CliDeviceEndpoint
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private readonly SshTransportOptions _ssh;
    private readonly ILoggerFactory _loggerFactory;
    private readonly CliCommandTracing _commandTracing;

    private CliDeviceEndpoint(SshTransportOptions ssh, ILoggerFactory loggerFactory, CliCommandTracing commandTracing)
    {
        _ssh = ssh;
        _loggerFactory = loggerFactory;
        _commandTracing = commandTracing;
    }

    /// <summary>Reads <paramref name="channel"/>; throws on MaxSessions outside 1..16.</summary>
    public static CliDeviceEndpoint From(DeviceOptions channel, ISecretResolver secrets, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (channel.MaxSessions is < 1 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel.MaxSessions, $"Channel {channel.Name}: MaxSessions must be 1..16.");
        }

        var ssh = new SshTransportOptions
        {
            Host = channel.Host,
            Port = channel.Port > 0 ? channel.Port : 22,
            Username = channel.Username ?? "",
            Password = secrets.ChannelSecret(channel) ?? "",
            PrivateKeyPath = channel.PrivateKeyPath,
            PrivateKeyPassphrase = secrets.PrivateKeyPassphrase(channel),
            HostKeySha256 = channel.HostKeySha256,
            ConnectTimeout = channel.OperationTimeout > TimeSpan.Zero ? channel.OperationTimeout : DefaultTimeout,
            TargetPolicy = LiveDeviceGuard.RefusalFor,
        };
        return new CliDeviceEndpoint(ssh, loggerFactory, channel.RecordAccountsInTraces ? CliCommandTracing.Redacted : CliCommandTracing.Verb);
    }

    /// <summary>Fills the driver settings of a dialect from the channel (how much of a command its span records included).</summary>
    public TOptions Options<TOptions>(string channelName, int maxSessions)
        where TOptions : CliDriverOptions, new() => new()
    {
        ChannelName = channelName,
        OperationTimeout = _ssh.ConnectTimeout,
        MaxSessions = maxSessions,
        Transcript = new LoggerTranscriptSink(_loggerFactory.CreateLogger(LoggerTranscriptSink.Category)),
        MaskedValues = string.IsNullOrEmpty(_ssh.Password) ? [] : [_ssh.Password],
        CommandTracing = _commandTracing,
    };

    /// <summary>A new SSH shell transport to the device (one per pooled session).</summary>
    public ICliTransport NewTransport() => new SshShellTransport(_ssh, _loggerFactory.CreateLogger<SshShellTransport>());
}
