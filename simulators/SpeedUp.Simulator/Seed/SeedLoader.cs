using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SpeedUp.Simulator;

/// <summary>Reads and validates seed files (format in docs/simulator.md).</summary>
public static partial class SeedLoader
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Loads a seed file; throws <see cref="SeedValidationException"/> listing every problem.</summary>
    public static BrasSeed LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new SeedValidationException(full, ["the file does not exist"]);
        }

        return Parse(File.ReadAllText(full), full);
    }

    /// <summary>Parses and validates seed JSON; <paramref name="source"/> names it in error messages.</summary>
    public static BrasSeed Parse(string json, string source = "(inline)")
    {
        SeedDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<SeedDocument>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new SeedValidationException(source, [$"not valid seed JSON: {ex.Message}"]);
        }

        if (document is null)
        {
            throw new SeedValidationException(source, ["the document is empty (null)"]);
        }

        var errors = new List<string>();
        var hostname = ValidateHostname(document.Hostname, errors);
        var lines = new List<SubscriberLineState>();
        if (document.Lines is null || document.Lines.Count == 0)
        {
            errors.Add("'lines' is missing or empty");
        }
        else
        {
            for (var i = 0; i < document.Lines.Count; i++)
            {
                var line = SeedLineValidator.Validate(document.Lines[i], i, errors);
                if (line is not null)
                {
                    lines.Add(line);
                }
            }

            CheckUniqueness(lines, errors);
        }

        if (errors.Count > 0)
        {
            throw new SeedValidationException(source, errors);
        }

        return new BrasSeed(hostname, lines);
    }

    /// <summary>True when the text is a valid PPPoE account: [A-Za-z0-9._@-]{1,64}.</summary>
    public static bool IsValidAccount(string? account) => account is not null && AccountPattern().IsMatch(account);

    /// <summary>Strict dotted-quad IPv4 parsing (IPAddress.TryParse also accepts forms like "1" or "1.2").</summary>
    public static bool TryParseIPv4(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text is null || !Ipv4Pattern().IsMatch(text))
        {
            return false;
        }

        var parts = text.Split('.');
        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            if (!byte.TryParse(parts[i], out bytes[i]) || (parts[i].Length > 1 && parts[i][0] == '0'))
            {
                return false;
            }
        }

        address = new IPAddress(bytes);
        return true;
    }

    private static string ValidateHostname(string? hostname, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(hostname))
        {
            errors.Add("'hostname' is missing");
            return "BRAS";
        }

        if (!HostnamePattern().IsMatch(hostname))
        {
            errors.Add($"'hostname' \"{hostname}\" must match [A-Za-z0-9._-]{{1,64}}");
        }

        return hostname;
    }

    private static void CheckUniqueness(List<SubscriberLineState> lines, List<string> errors)
    {
        foreach (var group in lines.GroupBy(l => l.BandId).Where(g => g.Count() > 1))
        {
            errors.Add($"bandId {group.Key} is used by {group.Count()} lines ({string.Join(", ", group.Select(l => l.Account))})");
        }

        foreach (var group in lines.GroupBy(l => l.Account, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"account '{group.Key}' is used by {group.Count()} lines");
        }

        foreach (var group in lines.GroupBy(l => l.IpAddress))
        {
            var blocks = group.OrderBy(l => l.PortFirst).ToList();
            for (var i = 1; i < blocks.Count; i++)
            {
                if (blocks[i].PortFirst <= blocks[i - 1].PortLast)
                {
                    errors.Add($"port blocks overlap on {group.Key}: {blocks[i - 1].Account} " +
                        $"{blocks[i - 1].PortFirst}-{blocks[i - 1].PortLast} and {blocks[i].Account} {blocks[i].PortFirst}-{blocks[i].PortLast}");
                }
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex AccountPattern();

    [GeneratedRegex("^[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}$")]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex HostnamePattern();
}
