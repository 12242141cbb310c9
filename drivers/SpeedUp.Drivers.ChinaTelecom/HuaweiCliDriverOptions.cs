using SpeedUp.Protocols.Cli;

namespace SpeedUp.Drivers.ChinaTelecom;

/// <summary>Settings of one <see cref="HuaweiCliDriver"/>.</summary>
public sealed class HuaweiCliDriverOptions
{
    /// <summary>The supply channel the driver serves (for logs and messages).</summary>
    public string ChannelName { get; set; } = "";

    /// <summary>Time budget of one driver operation (connect included), spread over its commands. Default 10 s.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The dialect; default <see cref="HuaweiVrpDialect.Instance"/>.</summary>
    public CliDialect Dialect { get; set; } = HuaweiVrpDialect.Instance;
}
