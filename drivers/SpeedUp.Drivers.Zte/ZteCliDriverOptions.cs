using SpeedUp.Drivers.Cli;

namespace SpeedUp.Drivers.Zte;

/// <summary>Settings of one <see cref="ZteCliDriver"/>; the dialect defaults to <see cref="ZteCliDialect.Instance"/>.</summary>
public sealed class ZteCliDriverOptions() : CliDriverOptions(ZteCliDialect.Instance);
