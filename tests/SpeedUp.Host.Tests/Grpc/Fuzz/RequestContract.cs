using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SpeedUp.Host.Tests.Grpc.Fuzz;

/// <summary>
/// The request fields' contract as README.md and speedup.proto state it, written again here, independently of the
/// service's validator: the fuzz test's oracle of which generated values are well-formed. Every check is plain ASCII
/// (no <c>\d</c>, which would take any Unicode digit) and anchored at the very end (<c>\z</c>, as <c>$</c> lets a
/// trailing newline through).
/// </summary>
internal static partial class RequestContract
{
    /// <summary>Longest scene label.</summary>
    public const int MaxSceneLength = 64;

    /// <summary>Longest duration, minutes (the default <c>SpeedUp:Sessions:MaxDuration</c>, 4 h).</summary>
    public const int MaxDurationMinutes = 240;

    /// <summary>Earliest and latest day the statistics accept.</summary>
    public static readonly DateOnly FirstStatisticsDay = new(2000, 1, 1);

    /// <inheritdoc cref="FirstStatisticsDay"/>
    public static readonly DateOnly LastStatisticsDay = new(2099, 12, 31);

    /// <summary>The product's tiers (China Telecom's built in; China Unicom's configured ones are a subset), Mbit/s.</summary>
    public static readonly int[] UpTiers = [10, 20];

    /// <inheritdoc cref="UpTiers"/>
    public static readonly int[] DownTiers = [100, 200];

    /// <summary>Dotted-quad IPv4: four decimal octets 0..255, no leading zeros, nothing else.</summary>
    public static bool IsIpAddress(string value)
    {
        if (!DottedQuad().IsMatch(value))
        {
            return false;
        }

        return value.Split('.').All(octet => int.Parse(octet, NumberStyles.None, CultureInfo.InvariantCulture) <= 255);
    }

    /// <summary>0..65535.</summary>
    public static bool IsPort(int value) => value is >= 0 and <= 65535;

    /// <summary>&gt; 0.</summary>
    public static bool IsBandId(long value) => value > 0;

    /// <summary>UP (1) or DOWN (2).</summary>
    public static bool IsDirection(int value) => value is 1 or 2;

    /// <summary>A tier of the product in that direction.</summary>
    public static bool IsTarget(int direction, int mbps) => direction switch
    {
        1 => UpTiers.Contains(mbps),
        2 => DownTiers.Contains(mbps),
        _ => false,
    };

    /// <summary>0 (the default) or 1..240 minutes.</summary>
    public static bool IsDuration(int minutes) => minutes is >= 0 and <= MaxDurationMinutes;

    /// <summary>
    /// Empty (none), or at most 64 printable characters: no control (Cc), format (Cf: zero-width, bidi overrides, BOM),
    /// line or paragraph separator, private-use, unassigned or unpaired surrogate code point.
    /// </summary>
    public static bool IsScene(string value)
    {
        if (value.Length > MaxSceneLength)
        {
            return false;
        }

        for (var i = 0; i < value.Length;)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate)
            {
                return false;
            }

            i += used;
        }

        return true;
    }

    /// <summary>Empty (none), or 1..64 of <c>[A-Za-z0-9._:-]</c>.</summary>
    public static bool IsClientRequestId(string value) => value.Length == 0 || ClientRequestId().IsMatch(value);

    /// <summary>An offer id of the product: direction × 100000 + tier Mbps × 10 + product (1 hour pack, 2 30-day pack).</summary>
    public static bool IsOfferId(long value)
    {
        if (value is < 100_000 or >= 300_000)
        {
            return false;
        }

        var direction = (int)(value / 100_000);
        var product = value % 10;
        var mbps = (int)(value % 100_000 / 10);
        return product is 1 or 2 && IsTarget(direction, mbps);
    }

    /// <summary>THIS_MONTH (1), LAST_MONTH (2) or CUSTOM (3).</summary>
    public static bool IsPeriod(int value) => value is >= 1 and <= 3;

    /// <summary><c>yyyy-MM-dd</c>, a real day between <see cref="FirstStatisticsDay"/> and <see cref="LastStatisticsDay"/>.</summary>
    public static bool TryDate(string value, out DateOnly day)
    {
        day = default;
        return IsoDate().IsMatch(value)
            && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day)
            && day >= FirstStatisticsDay && day <= LastStatisticsDay;
    }

    /// <summary>
    /// Which fields of a statistics or export request are malformed: a CUSTOM period needs both dates and a range of
    /// 1..31 days; the other periods ignore the dates, but a date that is given must still be a date.
    /// </summary>
    public static IReadOnlyList<string> StatisticsFaults(int period, string fromDate, string toDate)
    {
        var faults = new List<string>();
        if (!IsPeriod(period))
        {
            faults.Add("period");
        }

        var custom = period == 3;
        var fromOk = TryDate(fromDate, out var from);
        var toOk = TryDate(toDate, out var to);
        if (!fromOk && (custom || fromDate.Length > 0))
        {
            faults.Add("from_date");
        }

        if (!toOk && (custom || toDate.Length > 0))
        {
            faults.Add("to_date");
        }

        if (custom && fromOk && toOk && (to < from || to.DayNumber - from.DayNumber + 1 > 31))
        {
            faults.Add("date range");
        }

        return faults;
    }

    [GeneratedRegex(@"^(0|[1-9][0-9]{0,2})(\.(0|[1-9][0-9]{0,2})){3}\z")]
    private static partial Regex DottedQuad();

    [GeneratedRegex(@"^[A-Za-z0-9._:-]{1,64}\z")]
    private static partial Regex ClientRequestId();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}\z")]
    private static partial Regex IsoDate();
}
