using System.Globalization;
using System.Net;
using SpeedUp.Protocols.Cli.Drivers;

namespace SpeedUp.Drivers.ChinaUnicom.Internal;

/// <summary>
/// Parses the output of <c>show subscriber …</c>: blocks of <c>Key : Value</c> lines between dashed rules, then
/// <c>Total subscribers: N</c>. Keys are matched case-insensitively with blanks collapsed; unknown keys are
/// ignored. Anything else — a line that is neither, a value that is not readable, a total that does not
/// match the blocks (e.g. line noise) — is a <see cref="DriverFailure.ProtocolError"/>, never a guess.
/// </summary>
internal static class ZteSubscriberParser
{
    private const string UserName = "user-name";
    private const string BandId = "band-id";
    private const string IpAddress = "ipv4-address";
    private const string PortRange = "nat-port-range";
    private const string Up = "upstream-rate(kbps)";
    private const string Down = "downstream-rate(kbps)";
    private const string MaxUp = "max-upstream(kbps)";
    private const string MaxDown = "max-downstream(kbps)";
    private const string Permitted = "speedup-permitted";
    private const string Total = "total subscribers";

    /// <summary>The subscribers listed (empty for <c>Total subscribers: 0</c>).</summary>
    public static IReadOnlyList<SubscriberLine> Parse(string output)
    {
        var lines = new List<SubscriberLine>();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        long? total = null;
        foreach (var raw in output.Split('\n'))
        {
            var text = raw.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (text.Length >= 3 && text.All(c => c == '-'))
            {
                Flush(fields, lines);
                continue;
            }

            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || total is not null)
            {
                throw new DriverException(DriverFailure.ProtocolError, $"Unexpected line in the subscriber output: '{text}'.");
            }

            var key = string.Join(' ', text[..colon].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
            var value = text[(colon + 1)..].Trim();
            if (key == Total)
            {
                Flush(fields, lines);
                total = ParseNumber(Total, value);
            }
            else
            {
                fields[key] = value;
            }
        }

        Flush(fields, lines);
        if (total != lines.Count)
        {
            throw new DriverException(
                DriverFailure.ProtocolError,
                $"The subscriber output lists {lines.Count} block(s) but says total {(total?.ToString(CultureInfo.InvariantCulture) ?? "(missing)")}.");
        }

        return lines;
    }

    private static void Flush(Dictionary<string, string> fields, List<SubscriberLine> lines)
    {
        if (fields.Count > 0)
        {
            lines.Add(ToLine(fields));
        }

        fields.Clear();
    }

    private static SubscriberLine ToLine(Dictionary<string, string> fields)
    {
        var account = Field(fields, UserName);
        if (!CliValueGuard.IsValidAccount(account))
        {
            throw Malformed(UserName, account);
        }

        var address = Field(fields, IpAddress);
        if (!System.Net.IPAddress.TryParse(address, out var ip) || ip.ToString() != address)
        {
            throw Malformed(IpAddress, address);
        }

        return new SubscriberLine(
            Number(fields, BandId),
            account,
            ip,
            Ports(Field(fields, PortRange)),
            new LineRates(Number(fields, Up), Number(fields, Down)),
            new LineCapability(Number(fields, MaxUp), Number(fields, MaxDown), YesNo(Field(fields, Permitted))));
    }

    private static string Field(Dictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new DriverException(DriverFailure.ProtocolError, $"The subscriber block has no '{key}' field; the device's output format is not the expected one.");

    private static long Number(Dictionary<string, string> fields, string key) => ParseNumber(key, Field(fields, key));

    private static long ParseNumber(string key, string text) =>
        text.Length is > 0 and <= 18 && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Malformed(key, text);

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

        throw Malformed(PortRange, text);
    }

    private static bool YesNo(string text) => text.ToLowerInvariant() switch
    {
        "yes" or "enable" or "enabled" => true,
        "no" or "disable" or "disabled" => false,
        _ => throw Malformed(Permitted, text),
    };

    private static DriverException Malformed(string key, string value) =>
        new(DriverFailure.ProtocolError, $"The subscriber field '{key}' holds '{value}', which is not readable.");
}
