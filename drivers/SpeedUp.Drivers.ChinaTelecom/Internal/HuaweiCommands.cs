using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace SpeedUp.Drivers.ChinaTelecom.Internal;

/// <summary>
/// Every command line the driver sends, built only from validated values: an account matching
/// <c>[A-Za-z0-9._@-]{1,64}</c>, an IPv4 address printed from <see cref="IPAddress"/>, a rate of
/// 64..10,000,000 kbit/s. Anything else throws <see cref="DriverFailure.InvalidValue"/> before a byte is sent.
/// </summary>
internal static partial class HuaweiCommands
{
    public const long MinRateKbps = 64;
    public const long MaxRateKbps = 10_000_000;

    public const string SystemView = "system-view";
    public const string Aaa = "aaa";
    public const string Return = "return";

    public static string DisplayByIp(IPAddress address) =>
        "display access-user ip-address " + RequireIpv4(address).ToString();

    public static string DisplayByAccount(string account) =>
        "display access-user user-name " + RequireAccount(account);

    public static string SetCar(string account, Direction direction, long rateKbps) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"access-user user-name {RequireAccount(account)} car {DirectionKeyword(direction)} cir {RequireRate(rateKbps)}");

    public static string RequireAccount(string account)
    {
        if (account is null || !AccountPattern().IsMatch(account))
        {
            throw new DriverException(
                DriverFailure.InvalidValue,
                "The account is not a valid access account (1-64 characters of A-Z, a-z, 0-9, '.', '_', '@', '-'); nothing was sent.");
        }

        return account;
    }

    public static IPAddress RequireIpv4(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new DriverException(DriverFailure.InvalidValue, $"Only IPv4 addresses can be looked up on this equipment, not {address}; nothing was sent.");
        }

        return address;
    }

    public static int RequirePort(int port) =>
        port is >= 0 and <= 65535
            ? port
            : throw new DriverException(DriverFailure.InvalidValue, $"Port {port} is outside 0-65535; nothing was sent.");

    public static long RequireRate(long rateKbps) =>
        rateKbps is >= MinRateKbps and <= MaxRateKbps
            ? rateKbps
            : throw new DriverException(
                DriverFailure.InvalidValue,
                $"Rate {rateKbps} kbit/s is outside {MinRateKbps}-{MaxRateKbps} kbit/s; nothing was sent.");

    private static string DirectionKeyword(Direction direction) => direction switch
    {
        Direction.Up => "inbound",
        Direction.Down => "outbound",
        _ => throw new DriverException(DriverFailure.InvalidValue, $"Unknown direction {(int)direction}; nothing was sent."),
    };

    [GeneratedRegex(@"^[A-Za-z0-9._@-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AccountPattern();
}
