using Microsoft.Extensions.Logging;
using SpeedUp.Drivers.Cli;
using SpeedUp.Drivers.Cli.Dialects;
using SpeedUp.Protocols.Cli;

namespace SpeedUp.Drivers.Huawei;

/// <summary>
/// Creates <see cref="HuaweiCliDriver"/>s over SSH for channels whose driver is <c>huawei-cli-ssh</c> (what it takes from the
/// channel: <see cref="SshCliDriverFactory{TOptions}"/>); transcripts mask the password and the dialect's secrets.
/// The drivers are <see cref="IAsyncDisposable"/>; dispose them to close their sessions.
/// </summary>
/// <param name="loggerFactory">Where drivers log; nothing when null.</param>
/// <param name="secrets">Where channel secrets come from; the environment when null.</param>
[DriverFactory]
public sealed class HuaweiCliDriverFactory(ILoggerFactory? loggerFactory = null, ISecretResolver? secrets = null)
    : SshCliDriverFactory<HuaweiCliDriverOptions>(loggerFactory, secrets)
{
    /// <summary>The driver name channels refer to.</summary>
    public const string Name = "huawei-cli-ssh";

    /// <inheritdoc/>
    public override string DriverName => Name;

    /// <inheritdoc/>
    protected override CompiledDialect Dialect => HuaweiVrpDialect.Definition;

    /// <inheritdoc/>
    protected override ISubscriberLineDriver CreateDriver(CompiledDialect deviceDialect, HuaweiCliDriverOptions options, Func<ICliTransport> transports) =>
        new HuaweiCliDriver(deviceDialect, options, transports, LoggerFactory);
}
