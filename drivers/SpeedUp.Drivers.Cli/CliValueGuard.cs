using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using SpeedUp.Drivers;

namespace SpeedUp.Drivers.Cli;

/// <summary>
/// The values a CLI driver may put on a device command line: an access account matching
/// <c>[A-Za-z0-9._@-]{1,64}</c>, an IPv4 address printed from <see cref="IPAddress"/>, a port 0..65535 and a rate
/// of 64..10,000,000 kbit/s. Anything else throws <see cref="DriverFailure.InvalidValue"/> before a byte is sent.
/// </summary>
public static partial class CliValueGuard
{
    /// <summary>Lowest rate a BRAS accepts, kbit/s.</summary>
    public const long MinRateKbps = 64;

    /// <summary>Highest rate accepted, kbit/s.</summary>
    public const long MaxRateKbps = 10_000_000;

    /// <summary>Whether <paramref name="account"/> is a valid access account.</summary>
    public static bool IsValidAccount(string? account) => account is not null && AccountPattern().IsMatch(account);

    /// <summary>The account, if valid.</summary>
    public static string RequireAccount(string account) =>
        IsValidAccount(account)
            ? account
            : throw new DriverException(
                DriverFailure.InvalidValue,
                "The account is not a valid access account (1-64 characters of A-Z, a-z, 0-9, '.', '_', '@', '-'); nothing was sent.");

    /// <summary>The IPv4 address (IPv4-mapped IPv6 is unmapped); IPv6 is refused.</summary>
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

    /// <summary>The port, if 0..65535.</summary>
    public static int RequirePort(int port) =>
        port is >= 0 and <= 65535
            ? port
            : throw new DriverException(DriverFailure.InvalidValue, $"Port {port} is outside 0-65535; nothing was sent.");

    /// <summary>The rate, if 64..10,000,000 kbit/s.</summary>
    public static long RequireRate(long rateKbps) =>
        rateKbps is >= MinRateKbps and <= MaxRateKbps
            ? rateKbps
            : throw new DriverException(
                DriverFailure.InvalidValue,
                $"Rate {rateKbps} kbit/s is outside {MinRateKbps}-{MaxRateKbps} kbit/s; nothing was sent.");

    [GeneratedRegex(@"^[A-Za-z0-9._@-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AccountPattern();
}
