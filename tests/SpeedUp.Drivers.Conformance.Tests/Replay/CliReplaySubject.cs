using SpeedUp.Drivers.Huawei;
using SpeedUp.Drivers.Zte;
using SpeedUp.Drivers.Conformance.Tests.Targets;
using SpeedUp.Protocols.Cli;
using SpeedUp.Drivers.Cli.Dialects;
using SpeedUp.Drivers.Cli;

namespace SpeedUp.Drivers.Conformance.Tests.Replay;

/// <summary>A CLI driver whose conversation is recorded into <c>Fixtures/&lt;driver&gt;.json</c> and replayed from it.</summary>
/// <param name="Driver">The driver name, also the fixture's file name.</param>
/// <param name="Dialect">The dialect the driver speaks (prompts, pager, secrets to mask).</param>
/// <param name="NewOptions">Fresh options of the driver's own type.</param>
/// <param name="NewDriver">The real driver over the given transports.</param>
public sealed record CliReplaySubject(
    string Driver,
    CompiledDialect Dialect,
    Func<CliDriverOptions> NewOptions,
    Func<CliDriverOptions, Func<ICliTransport>, DialectCliDriver> NewDriver)
{
    /// <summary><c>huawei-cli-ssh</c>, the China Telecom driver.</summary>
    public static CliReplaySubject Huawei { get; } = new(HuaweiCliDriverFactory.Name, HuaweiVrpDialect.Definition,
        () => new HuaweiCliDriverOptions(), (options, transports) => new HuaweiCliDriver((HuaweiCliDriverOptions)options, transports));

    /// <summary><c>zte-cli-ssh</c>, the China Unicom CLI driver.</summary>
    public static CliReplaySubject ZteCli { get; } = new(ZteCliDriverFactory.Name, ZteCliDialect.Definition,
        () => new ZteCliDriverOptions(), (options, transports) => new ZteCliDriver((ZteCliDriverOptions)options, transports));

    /// <summary><c>h3c-cli-ssh</c>, the driver made from <c>drivers/dialects/h3c-comware.dialect.json</c> alone.</summary>
    public static CliReplaySubject H3c { get; } = FromDialectFile(Path.Combine(RepositoryFiles.Root, "drivers", "dialects", "h3c-comware.dialect.json"));

    /// <summary>Where the committed fixture lives (source tree).</summary>
    public string CommittedFixturePath => Path.Combine(RepositoryFiles.FixturesDirectory, Driver + ".json");

    /// <summary>The driver for record and replay: one session, no keep-alive or idle close, so the conversation is deterministic.</summary>
    public DialectCliDriver CreateDriver(string channelName, IReadOnlyList<string> maskedValues, Func<ICliTransport> transports)
    {
        var options = NewOptions();
        options.ChannelName = channelName;
        options.OperationTimeout = TimeSpan.FromSeconds(10);
        options.MaxSessions = 1;
        options.KeepAliveInterval = TimeSpan.Zero;
        options.IdleTimeout = TimeSpan.Zero;
        options.MaskedValues = maskedValues;
        return NewDriver(options, transports);
    }

    /// <inheritdoc />
    public override string ToString() => Driver;

    private static CliReplaySubject FromDialectFile(string path)
    {
        var dialect = DialectLoader.LoadFile(path);
        return new(dialect.Definition.Driver, dialect,
            () => new DialectCliDriverOptions { Dialect = dialect.Cli }, (options, transports) => new DialectCliDriver(dialect, options, transports));
    }
}
