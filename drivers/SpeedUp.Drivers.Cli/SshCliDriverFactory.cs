using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpeedUp.Drivers.Cli.Dialects;

namespace SpeedUp.Drivers.Cli;

/// <summary>
/// What every SSH CLI driver factory does with a channel: the device's SSH endpoint (host, port, user, the resolved
/// secret as password, the pinned host key, the operation timeout), the dialect with the device's prompt overrides,
/// and the driver settings (sessions, a masked transcript at Trace level). A vendor factory names its dialect and
/// builds its driver.
/// </summary>
/// <typeparam name="TOptions">The driver's settings.</typeparam>
public abstract class SshCliDriverFactory<TOptions>(ILoggerFactory? loggerFactory, ISecretResolver? secrets) : ISubscriberLineDriverFactory
    where TOptions : CliDriverOptions, new()
{
    private readonly ISecretResolver _secrets = secrets ?? EnvironmentSecretResolver.Instance;

    /// <inheritdoc/>
    public abstract string DriverName { get; }

    /// <summary>Where drivers log.</summary>
    protected ILoggerFactory LoggerFactory { get; } = loggerFactory ?? NullLoggerFactory.Instance;

    /// <summary>The vendor's dialect, before a device's prompt overrides.</summary>
    protected abstract CompiledDialect Dialect { get; }

    /// <inheritdoc/>
    public ISubscriberLineDriver Create(DeviceOptions channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var device = CliDeviceEndpoint.From(channel, _secrets, LoggerFactory);
        var dialect = Dialect.WithPrompts(channel.Prompts, channel.Name);
        var options = device.Options<TOptions>(channel.Name, channel.MaxSessions);
        options.Dialect = dialect.Cli;
        return CreateDriver(dialect, options, device.NewTransport);
    }

    /// <summary>The driver speaking <paramref name="deviceDialect"/> (the dialect with the device's prompts) over <paramref name="transports"/> (one new transport per pooled session).</summary>
    protected abstract ISubscriberLineDriver CreateDriver(CompiledDialect deviceDialect, TOptions options, Func<ICliTransport> transports);
}
