using SpeedUp.Drivers.Cli;

namespace SpeedUp.Drivers.Huawei;

/// <summary>Settings of one <see cref="HuaweiCliDriver"/>; the dialect defaults to <see cref="HuaweiVrpDialect.Instance"/>.</summary>
public sealed class HuaweiCliDriverOptions() : CliDriverOptions(HuaweiVrpDialect.Instance);
