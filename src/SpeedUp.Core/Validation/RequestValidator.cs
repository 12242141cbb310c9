using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SpeedUp.Core.Catalogue;
using SpeedUp.Core.Errors;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Validation;

/// <summary>
/// Checks every request field before anything else happens. A failure is <c>isv.INVALID_PARAMETERS</c>
/// naming the field; nothing is changed. Values that pass are safe to reach a device command line
/// (an IPv4 address re-printed from its parsed form, integers in range).
/// </summary>
public static class RequestValidator
{
    /// <summary>Longest accepted scene label.</summary>
    public const int MaxSceneLength = 64;

    /// <summary>Parses a dotted-quad public-format IPv4 address (no leading zeros, no IPv6, no padding).</summary>
    public static IPAddress IpAddress(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 15)
        {
            throw SpeedUpException.InvalidParameter("ip_address must be a dotted IPv4 address such as 202.101.172.35.");
        }

        var parts = value.Split('.');
        if (parts.Length != 4 || parts.Any(p => !IsOctet(p)))
        {
            throw SpeedUpException.InvalidParameter($"ip_address '{Printable(value)}' is not a dotted IPv4 address.");
        }

        var address = System.Net.IPAddress.Parse(value);
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw SpeedUpException.InvalidParameter("ip_address must be IPv4.");
        }

        return address;
    }

    /// <summary>A port in 0..65535 (0 = not given; needed only for addresses shared behind CGNAT).</summary>
    public static int Port(int value) => value is >= 0 and <= 65535
        ? value
        : throw SpeedUpException.InvalidParameter($"port must be 0..65535, got {value}.");

    /// <summary>A positive band id.</summary>
    public static long BandId(long value) => value > 0
        ? value
        : throw SpeedUpException.InvalidParameter($"band_id must be a positive number, got {value}.");

    /// <summary>UP or DOWN.</summary>
    public static Direction Direction(int value) => value switch
    {
        (int)Drivers.Direction.Up => Drivers.Direction.Up,
        (int)Drivers.Direction.Down => Drivers.Direction.Down,
        _ => throw SpeedUpException.InvalidParameter($"direction must be UP or DOWN, got {value}."),
    };

    /// <summary>The product's highest rate in a direction: up 50, down 500 Mbit/s.</summary>
    public static int CeilingMbps(Direction direction) => direction == Drivers.Direction.Up ? 50 : 500;

    /// <summary>A target rate within the product's range (up ≤ 50, down ≤ 500 Mbit/s).</summary>
    public static int TargetBandwidth(Direction direction, int mbps)
    {
        var ceiling = CeilingMbps(direction);
        return mbps >= 1 && mbps <= ceiling
            ? mbps
            : throw SpeedUpException.InvalidParameter(
                $"target_bandwidth_mbps must be 1..{ceiling} for {direction}, got {mbps}.");
    }

    /// <summary>
    /// An optional scene label: at most 64 printable characters. Not printable: control characters (C0, C1), format
    /// characters (zero-width, bidi overrides and isolates, BOM, soft hyphen), line and paragraph separators, private-use,
    /// unassigned and unpaired surrogate code points.
    /// </summary>
    public static string Scene(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value.Length > MaxSceneLength || !IsPrintable(value))
        {
            throw SpeedUpException.InvalidParameter($"scene must be at most {MaxSceneLength} printable characters.");
        }

        return value;
    }

    /// <summary>
    /// An offer id of the product: direction × 100000 + bandwidth × 10 + product, with a bandwidth within the product's
    /// range for that direction (whether it is a tier is the catalogue's to say).
    /// </summary>
    public static Offer OfferId(long value)
    {
        if (Offer.FromOfferId(value) is { } offer && offer.OfferId == value
            && offer.BandwidthMbps <= CeilingMbps(offer.Direction))
        {
            return offer;
        }

        throw SpeedUpException.InvalidParameter(
            $"offer_id must be an offer id of the product (direction × 100000 + Mbps × 10 + product, e.g. 202001), got {value}.");
    }

    /// <summary>An optional duration in minutes (0 = the default), at most <paramref name="max"/>.</summary>
    public static TimeSpan? Duration(int minutes, TimeSpan max)
    {
        if (minutes == 0)
        {
            return null;
        }

        if (minutes < 0 || TimeSpan.FromMinutes(minutes) > max)
        {
            throw SpeedUpException.InvalidParameter(
                $"duration_minutes must be 1..{(int)max.TotalMinutes}, got {minutes}.");
        }

        return TimeSpan.FromMinutes(minutes);
    }

    /// <summary>Minutes to add to a session: 1 up to <paramref name="max"/>.</summary>
    public static TimeSpan AdditionalMinutes(int minutes, TimeSpan max)
    {
        if (minutes < 1 || TimeSpan.FromMinutes(minutes) > max)
        {
            throw SpeedUpException.InvalidParameter($"additional_minutes must be 1..{(int)max.TotalMinutes}, got {minutes}.");
        }

        return TimeSpan.FromMinutes(minutes);
    }

    private static bool IsOctet(string part) =>
        part.Length is >= 1 and <= 3
        && part.All(char.IsAsciiDigit)
        && (part.Length == 1 || part[0] != '0')
        && int.Parse(part, CultureInfo.InvariantCulture) <= 255;

    private static bool IsPrintable(string value)
    {
        for (var i = 0; i < value.Length;)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var used) != OperationStatus.Done
                || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                    or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                    or UnicodeCategory.Surrogate)
            {
                return false;
            }

            i += used;
        }

        return true;
    }

    private static string Printable(string value) =>
        new(value.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
