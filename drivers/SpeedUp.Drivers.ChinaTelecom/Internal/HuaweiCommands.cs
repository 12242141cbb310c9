using System.Globalization;
using System.Net;
using SpeedUp.Protocols.Cli.Drivers;

namespace SpeedUp.Drivers.ChinaTelecom.Internal;

/// <summary>
/// Every command line the driver sends, built only from validated values: an account matching
/// <c>[A-Za-z0-9._@-]{1,64}</c>, an IPv4 address printed from <see cref="IPAddress"/>, a rate of
/// 64..10,000,000 kbit/s. Anything else throws <see cref="DriverFailure.InvalidValue"/> before a byte is sent.
/// </summary>
internal static class HuaweiCommands
{
    public const string SystemView = "system-view";
    public const string Aaa = "aaa";
    public const string Return = "return";

    public static string DisplayByIp(IPAddress address) =>
        "display access-user ip-address " + CliValueGuard.RequireIpv4(address).ToString();

    public static string DisplayByAccount(string account) =>
        "display access-user user-name " + CliValueGuard.RequireAccount(account);

    public static string SetCar(string account, Direction direction, long rateKbps) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"access-user user-name {CliValueGuard.RequireAccount(account)} car {DirectionKeyword(direction)} cir {CliValueGuard.RequireRate(rateKbps)}");

    private static string DirectionKeyword(Direction direction) => direction switch
    {
        Direction.Up => "inbound",
        Direction.Down => "outbound",
        _ => throw new DriverException(DriverFailure.InvalidValue, $"Unknown direction {(int)direction}; nothing was sent."),
    };
}
