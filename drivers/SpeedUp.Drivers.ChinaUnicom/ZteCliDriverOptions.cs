using SpeedUp.Protocols.Cli.Drivers;

namespace SpeedUp.Drivers.ChinaUnicom;

/// <summary>Settings of one <see cref="ZteCliDriver"/>; the dialect defaults to <see cref="ZteCliDialect.Instance"/>.</summary>
public sealed class ZteCliDriverOptions() : CliDriverOptions(ZteCliDialect.Instance);
