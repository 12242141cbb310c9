using Microsoft.Extensions.Logging;
using SpeedUp.Drivers;
using SpeedUp.Drivers.Cli;

namespace SpeedUp.Drivers.Cli.Dialects;

/// <summary>
/// Creates <see cref="DialectCliDriver"/>s over SSH for channels whose driver is the dialect's
/// <see cref="DialectDefinition.Driver"/>: a dialect file is a driver, no code. The channel's
/// <see cref="DeviceOptions.Prompts"/> replace the dialect's prompt patterns for that device.
/// </summary>
public sealed class DialectCliDriverFactory(CompiledDialect dialect, ILoggerFactory? loggerFactory = null, ISecretResolver? secrets = null)
    : SshCliDriverFactory<DialectCliDriverOptions>(loggerFactory, secrets)
{
    /// <inheritdoc/>
    public override string DriverName => dialect.Definition.Driver;

    /// <summary>The dialect.</summary>
    protected override CompiledDialect Dialect => dialect;

    /// <inheritdoc/>
    protected override ISubscriberLineDriver CreateDriver(CompiledDialect deviceDialect, DialectCliDriverOptions options, Func<ICliTransport> transports) =>
        new DialectCliDriver(deviceDialect, options, transports, LoggerFactory);
}

/// <summary>Settings of a <see cref="DialectCliDriver"/>; the factory sets the dialect.</summary>
public sealed class DialectCliDriverOptions() : CliDriverOptions(new CliDialect { Name = "unset", PromptPattern = CliDialect.DefaultPagerPattern });
