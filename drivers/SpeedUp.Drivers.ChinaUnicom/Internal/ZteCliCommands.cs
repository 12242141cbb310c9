using System.Globalization;
using System.Net;
using SpeedUp.Protocols.Cli.Drivers;

namespace SpeedUp.Drivers.ChinaUnicom.Internal;

/// <summary>
/// Every command line the ZTE CLI driver sends, built only from validated values: an account matching
/// <c>[A-Za-z0-9._@-]{1,64}</c>, an IPv4 address printed from <see cref="IPAddress"/>, a rate of
/// 64..10,000,000 kbit/s. Anything else throws <see cref="DriverFailure.InvalidValue"/> before a byte is sent.
/// </summary>
internal static class ZteCliCommands
{
    public const string ConfigureTerminal = "configure terminal";
    public const string End = "end";

    public static string ShowByIp(IPAddress address) =>
        "show subscriber ipv4-address " + CliValueGuard.RequireIpv4(address).ToString();

    public static string ShowByAccount(string account) =>
        "show subscriber user-name " + CliValueGuard.RequireAccount(account);

    public static string RateLimit(string account, Direction direction, long rateKbps) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"subscriber {CliValueGuard.RequireAccount(account)} rate-limit {DirectionKeyword(direction)} {CliValueGuard.RequireRate(rateKbps)}");

    private static string DirectionKeyword(Direction direction) => direction switch
    {
        Direction.Up => "upstream",
        Direction.Down => "downstream",
        _ => throw new DriverException(DriverFailure.InvalidValue, $"Unknown direction {(int)direction}; nothing was sent."),
    };
}
