using System.Globalization;
using System.Net;

namespace SpeedUp.Drivers.ChinaTelecom.Internal;

/// <summary>
/// Parses the output of <c>display access-user …</c>: blocks of <c>Key : Value</c> lines between dashed
/// rules. Keys are matched case-insensitively with blanks collapsed, so column widths may change;
/// unknown keys are ignored.
/// </summary>
internal static class AccessUserParser
{
    private const string UserName = "user name";
    private const string BandId = "band id";
    private const string IpAddress = "user ip address";
    private const string PortBlock = "nat port block";
    private const string MaxUp = "line capability up (kbps)";
    private const string MaxDown = "line capability down (kbps)";
    private const string Permitted = "speed-up permitted";
    private const string InboundCir = "inbound car cir (kbps)";
    private const string OutboundCir = "outbound car cir (kbps)";

    /// <summary>The subscribers listed; empty for <c>Info: no online user.</c>.</summary>
    /// <exception cref="DriverException">A block lacks a field or holds an unreadable value (ProtocolError).</exception>
    public static IReadOnlyList<SubscriberLine> Parse(string output)
    {
        var lines = new List<SubscriberLine>();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length >= 3 && line.All(c => c == '-'))
            {
                Flush(fields, lines);
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                fields[NormalizeKey(line[..colon])] = line[(colon + 1)..].Trim();
            }
        }

        Flush(fields, lines);
        return lines;
    }

    private static void Flush(Dictionary<string, string> fields, List<SubscriberLine> lines)
    {
        if (fields.ContainsKey(UserName) || fields.ContainsKey(BandId))
        {
            lines.Add(ToLine(fields));
        }

        fields.Clear();
    }

    private static SubscriberLine ToLine(Dictionary<string, string> fields)
    {
        var address = Field(fields, IpAddress);
        if (!IPAddress.TryParse(address, out var ip))
        {
            throw Malformed(IpAddress, address);
        }

        return new SubscriberLine(
            Number(fields, BandId),
            Field(fields, UserName),
            ip,
            Ports(Field(fields, PortBlock)),
            new LineRates(Number(fields, InboundCir), Number(fields, OutboundCir)),
            new LineCapability(Number(fields, MaxUp), Number(fields, MaxDown), YesNo(Field(fields, Permitted))));
    }

    private static string Field(Dictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new DriverException(DriverFailure.ProtocolError, $"The access-user block has no '{key}' field; the device's output format is not the expected one.");

    private static long Number(Dictionary<string, string> fields, string key)
    {
        var text = Field(fields, key);
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw Malformed(key, text);
    }

    private static PortRange Ports(string text)
    {
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length == 2 &&
            int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first) &&
            int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last) &&
            first <= last && last <= 65535)
        {
            return new PortRange(first, last);
        }

        throw Malformed(PortBlock, text);
    }

    private static bool YesNo(string text) => text.ToLowerInvariant() switch
    {
        "yes" or "true" or "enable" or "enabled" => true,
        "no" or "false" or "disable" or "disabled" => false,
        _ => throw Malformed(Permitted, text),
    };

    private static string NormalizeKey(string key) =>
        string.Join(' ', key.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    private static DriverException Malformed(string key, string value) =>
        new(DriverFailure.ProtocolError, $"The access-user field '{key}' holds '{value}', which is not readable.");
}
