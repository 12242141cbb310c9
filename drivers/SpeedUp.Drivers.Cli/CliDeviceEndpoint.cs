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

    private readonly CliBufferLimits _limits;

    private CliDeviceEndpoint(SshTransportOptions ssh, ILoggerFactory loggerFactory, CliCommandTracing commandTracing, CliBufferLimits limits)
    {
        _ssh = ssh;
        _limits = limits;
        _loggerFactory = loggerFactory;
        _commandTracing = commandTracing;
    }

    /// <summary>Reads <paramref name="channel"/>; throws on MaxSessions outside 1..16, a CLI buffer limit below its minimum or a negative Cli:PromptMismatchAfter.</summary>
    public static CliDeviceEndpoint From(DeviceOptions channel, ISecretResolver secrets, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (channel.MaxSessions is < 1 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel.MaxSessions, $"Channel {channel.Name}: MaxSessions must be 1..16.");
        }

        RequireAtLeast(channel, "MaxOutputChars", channel.Cli.MaxOutputChars, 1);
        RequireAtLeast(channel, "MaxLineChars", channel.Cli.MaxLineChars, 80);
        RequireAtLeast(channel, "MaxPendingBytes", channel.Cli.MaxPendingBytes, 4096);
        if (channel.Cli.PromptMismatchAfter < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel.Cli.PromptMismatchAfter,
                $"Channel {channel.Name}: Cli:PromptMismatchAfter must not be negative (zero disables the check).");
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
            MaxPendingBytes = channel.Cli.MaxPendingBytes,
        };
        return new CliDeviceEndpoint(ssh, loggerFactory, channel.RecordAccountsInTraces ? CliCommandTracing.Redacted : CliCommandTracing.Verb, channel.Cli);
    }

    private static void RequireAtLeast(DeviceOptions channel, string key, long value, long minimum)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(nameof(channel), value, $"Channel {channel.Name}: Cli:{key} must be at least {minimum}.");
        }
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
        MaxOutputChars = _limits.MaxOutputChars,
        MaxLineChars = _limits.MaxLineChars,
        PromptMismatchAfter = _limits.PromptMismatchAfter,
    };

    /// <summary>A new SSH shell transport to the device (one per pooled session).</summary>
    public ICliTransport NewTransport() => new SshShellTransport(_ssh, _loggerFactory.CreateLogger<SshShellTransport>());
}
