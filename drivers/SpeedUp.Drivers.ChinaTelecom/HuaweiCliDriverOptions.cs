using SpeedUp.Protocols.Cli.Drivers;

namespace SpeedUp.Drivers.ChinaTelecom;

/// <summary>Settings of one <see cref="HuaweiCliDriver"/>; the dialect defaults to <see cref="HuaweiVrpDialect.Instance"/>.</summary>
public sealed class HuaweiCliDriverOptions() : CliDriverOptions(HuaweiVrpDialect.Instance);
