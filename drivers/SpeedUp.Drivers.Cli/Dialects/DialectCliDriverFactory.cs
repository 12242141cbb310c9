using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpeedUp.Drivers;
using SpeedUp.Drivers.Cli;

namespace SpeedUp.Drivers.Cli.Dialects;

/// <summary>
/// Creates <see cref="DialectCliDriver"/>s over SSH for channels whose driver is the dialect's
/// <see cref="DialectDefinition.Driver"/>: a dialect file is a driver, no code. The channel's
/// <see cref="DeviceOptions.Prompts"/> replace the dialect's prompt patterns for that device.
/// </summary>
public sealed class DialectCliDriverFactory(CompiledDialect dialect, ILoggerFactory? loggerFactory = null, ISecretResolver? secrets = null) : ISubscriberLineDriverFactory
{
    private readonly ILoggerFactory _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    private readonly ISecretResolver _secrets = secrets ?? EnvironmentSecretResolver.Instance;

    /// <inheritdoc/>
    public string DriverName => dialect.Definition.Driver;

    /// <summary>The dialect.</summary>
    public CompiledDialect Dialect => dialect;

    /// <inheritdoc/>
    public ISubscriberLineDriver Create(DeviceOptions channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var device = CliDeviceEndpoint.From(channel, _secrets, _loggerFactory);
        var forDevice = dialect.WithPrompts(channel.Prompts, channel.Name);
        var options = device.Options<DialectCliDriverOptions>(channel.Name, channel.MaxSessions);
        options.Dialect = forDevice.Cli;
        return new DialectCliDriver(forDevice, options, device.NewTransport, _loggerFactory);
    }
}

/// <summary>Settings of a <see cref="DialectCliDriver"/>; the factory sets the dialect.</summary>
public sealed class DialectCliDriverOptions() : CliDriverOptions(new CliDialect { Name = "unset", PromptPattern = CliDialect.DefaultPagerPattern });
