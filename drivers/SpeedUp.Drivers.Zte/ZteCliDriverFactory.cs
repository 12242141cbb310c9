using Microsoft.Extensions.Logging;
using SpeedUp.Drivers.Cli;
using SpeedUp.Drivers.Cli.Dialects;
using SpeedUp.Protocols.Cli;

namespace SpeedUp.Drivers.Zte;

/// <summary>
/// Creates <see cref="ZteCliDriver"/>s over SSH for channels whose driver is <c>zte-cli-ssh</c> (what it takes from the
/// channel: <see cref="SshCliDriverFactory{TOptions}"/>); transcripts mask the password.
/// The drivers are <see cref="IAsyncDisposable"/>; dispose them to close their sessions.
/// </summary>
/// <param name="loggerFactory">Where drivers log; nothing when null.</param>
/// <param name="secrets">Where channel secrets come from; the environment when null.</param>
[DriverFactory]
public sealed class ZteCliDriverFactory(ILoggerFactory? loggerFactory = null, ISecretResolver? secrets = null)
    : SshCliDriverFactory<ZteCliDriverOptions>(loggerFactory, secrets)
{
    /// <summary>The driver name channels refer to.</summary>
    public const string Name = "zte-cli-ssh";

    /// <inheritdoc/>
    public override string DriverName => Name;

    /// <inheritdoc/>
    protected override CompiledDialect Dialect => ZteCliDialect.Definition;

    /// <inheritdoc/>
    protected override ISubscriberLineDriver CreateDriver(CompiledDialect deviceDialect, ZteCliDriverOptions options, Func<ICliTransport> transports) =>
        new ZteCliDriver(deviceDialect, options, transports, LoggerFactory);
}
