using System.Globalization;
using System.Net;
using SpeedUp.Drivers;
using SpeedUp.Drivers.Cli;

namespace SpeedUp.Drivers.Cli.Dialects;

/// <summary>
/// Reads subscriber output as a dialect describes it: blocks of <c>Key : Value</c> lines between rule lines, an
/// optional total line, "no subscriber" markers. Every value is checked (account grammar, an address that prints
/// back the same, numbers, port blocks); anything unreadable is a <see cref="DriverFailure.ProtocolError"/>, never a guess.
/// </summary>
public sealed class DialectOutputParser(CompiledDialect dialect)
{
    private readonly DialectOutput _output = dialect.Definition.Output;
    private readonly DialectFields _keys = Normalized(dialect.Definition.Output.Fields);
    private readonly string? _totalKey = dialect.Definition.Output.TotalKey is { } key ? Normalize(key) : null;

    /// <summary>The subscribers listed.</summary>
    public IReadOnlyList<SubscriberLine> Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var lines = new List<SubscriberLine>();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        long? total = null;
        foreach (var raw in output.Split('\n'))
        {
            var text = raw.Trim();
            if (text.Length == 0 || _output.EmptyMarkers.Contains(text, StringComparer.Ordinal))
            {
                continue;
            }

            if (dialect.RecordSeparator.IsMatch(text))
            {
                Flush(fields, lines);
                continue;
            }

            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                if (_output.Strict)
                {
                    throw new DriverException(DriverFailure.ProtocolError, $"Unexpected line in the subscriber output: '{text}'.");
                }

                continue;
            }

            var key = Normalize(text[..colon]);
            var value = text[(colon + 1)..].Trim();
            if (key == _totalKey)
            {
                Flush(fields, lines);
                total = ParseNumber(key, value);
            }
            else
            {
                fields[key] = value;
            }
        }

        Flush(fields, lines);
        if (_totalKey is not null && total != lines.Count)
        {
            throw new DriverException(DriverFailure.ProtocolError,
                $"The subscriber output lists {lines.Count} block(s) but says total {(total?.ToString(CultureInfo.InvariantCulture) ?? "(missing)")}.");
        }

        return lines;
    }

    private void Flush(Dictionary<string, string> fields, List<SubscriberLine> lines)
    {
        if (fields.ContainsKey(_keys.Account) || fields.ContainsKey(_keys.BandId))
        {
            lines.Add(ToLine(fields));
        }
        else if (fields.Count > 0 && _output.Strict)
        {
            throw new DriverException(DriverFailure.ProtocolError,
                $"A block of the subscriber output has no '{_keys.Account}' field ({string.Join(", ", fields.Keys)}).");
        }

        fields.Clear();
    }

    private SubscriberLine ToLine(Dictionary<string, string> fields)
    {
        var account = Field(fields, _keys.Account);
        if (!CliValueGuard.IsValidAccount(account))
        {
            throw Malformed(_keys.Account, account);
        }

        var address = Field(fields, _keys.Address);
        if (!IPAddress.TryParse(address, out var ip) || ip.ToString() != address)
        {
            throw Malformed(_keys.Address, address);
        }

        return new SubscriberLine(
            Number(fields, _keys.BandId),
            account,
            ip,
            Ports(Field(fields, _keys.Ports)),
            new LineRates(Number(fields, _keys.UpKbps), Number(fields, _keys.DownKbps)),
            new LineCapability(Number(fields, _keys.MaxUpKbps), Number(fields, _keys.MaxDownKbps), YesNo(Field(fields, _keys.SpeedUpPermitted))));
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

    private PortRange Ports(string text)
    {
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length == 2 &&
            int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first) &&
            int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last) &&
            first <= last && last <= 65535)
        {
            return new PortRange(first, last);
        }

        throw Malformed(_keys.Ports, text);
    }

    private bool YesNo(string text) => text.ToLowerInvariant() switch
    {
        "yes" or "true" or "enable" or "enabled" => true,
        "no" or "false" or "disable" or "disabled" => false,
        _ => throw Malformed(_keys.SpeedUpPermitted, text),
    };

    private static DriverException Malformed(string key, string value) =>
        new(DriverFailure.ProtocolError, $"The subscriber field '{key}' holds '{value}', which is not readable.");

    private static string Normalize(string key) =>
        string.Join(' ', key.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    private static DialectFields Normalized(DialectFields f) => new()
    {
        Account = Normalize(f.Account),
        BandId = Normalize(f.BandId),
        Address = Normalize(f.Address),
        Ports = Normalize(f.Ports),
        UpKbps = Normalize(f.UpKbps),
        DownKbps = Normalize(f.DownKbps),
        MaxUpKbps = Normalize(f.MaxUpKbps),
        MaxDownKbps = Normalize(f.MaxDownKbps),
        SpeedUpPermitted = Normalize(f.SpeedUpPermitted),
    };
}
