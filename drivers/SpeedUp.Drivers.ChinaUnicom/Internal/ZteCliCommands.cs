using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace SpeedUp.Drivers.ChinaUnicom.Internal;

/// <summary>
/// Every command line the ZTE CLI driver sends, built only from validated values: an account matching
/// <c>[A-Za-z0-9._@-]{1,64}</c>, an IPv4 address printed from <see cref="IPAddress"/>, a rate of
/// 64..10,000,000 kbit/s. Anything else throws <see cref="DriverFailure.InvalidValue"/> before a byte is sent.
/// </summary>
internal static partial class ZteCliCommands
{
    public const long MinRateKbps = 64;
    public const long MaxRateKbps = 10_000_000;

    public const string ConfigureTerminal = "configure terminal";
    public const string End = "end";

    public static string ShowByIp(IPAddress address) =>
        "show subscriber ipv4-address " + RequireIpv4(address).ToString();

    public static string ShowByAccount(string account) =>
        "show subscriber user-name " + RequireAccount(account);

    public static string RateLimit(string account, Direction direction, long rateKbps) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"subscriber {RequireAccount(account)} rate-limit {DirectionKeyword(direction)} {RequireRate(rateKbps)}");

    public static bool IsValidAccount(string? account) => account is not null && AccountPattern().IsMatch(account);

    public static string RequireAccount(string account) =>
        IsValidAccount(account)
            ? account
            : throw new DriverException(
                DriverFailure.InvalidValue,
                "The account is not a valid access account (1-64 characters of A-Z, a-z, 0-9, '.', '_', '@', '-'); nothing was sent.");

    public static IPAddress RequireIpv4(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetwork
            ? address
            : throw new DriverException(DriverFailure.InvalidValue, $"Only IPv4 addresses can be looked up on this equipment, not {address}; nothing was sent.");
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
        Direction.Up => "upstream",
        Direction.Down => "downstream",
        _ => throw new DriverException(DriverFailure.InvalidValue, $"Unknown direction {(int)direction}; nothing was sent."),
    };

    [GeneratedRegex(@"^[A-Za-z0-9._@-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AccountPattern();
}
