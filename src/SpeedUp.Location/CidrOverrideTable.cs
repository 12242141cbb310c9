using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using SpeedUp.Drivers;

namespace SpeedUp.Location;

/// <summary>
/// The configured CIDR → (carrier, province) overrides. When several networks contain an address, the one
/// with the longest prefix wins. Immutable and thread-safe.
/// </summary>
public sealed class CidrOverrideTable
{
    private readonly CidrOverride[] _byPrefixDescending;

    /// <summary>Parses and validates <paramref name="entries"/>.</summary>
    /// <exception cref="ArgumentException">One or more entries are invalid; the message lists them all.</exception>
    public CidrOverrideTable(IEnumerable<IpLocationOverrideOptions> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var errors = new List<string>();
        var parsed = Parse(entries, errors);
        if (errors.Count > 0)
        {
            throw new ArgumentException(
                "Invalid IP location overrides: " + string.Join("; ", errors), nameof(entries));
        }

        _byPrefixDescending = [.. parsed.OrderByDescending(entry => entry.Network.PrefixLength)];
    }

    /// <summary>A table with no overrides.</summary>
    public static CidrOverrideTable Empty { get; } = new([]);

    /// <summary>The overrides, longest prefix first.</summary>
    public IReadOnlyList<CidrOverride> Entries => _byPrefixDescending;

    /// <summary>Returns one message per invalid entry (empty when all are valid).</summary>
    public static IReadOnlyList<string> Validate(IEnumerable<IpLocationOverrideOptions> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var errors = new List<string>();
        Parse(entries, errors);
        return errors;
    }

    /// <summary>The most specific override containing <paramref name="address"/>, or null.</summary>
    public CidrOverride? Match(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        foreach (var entry in _byPrefixDescending)
        {
            if (entry.Network.Contains(address))
            {
                return entry;
            }
        }

        return null;
    }

    private static List<CidrOverride> Parse(IEnumerable<IpLocationOverrideOptions> entries, List<string> errors)
    {
        var parsed = new List<CidrOverride>();
        var seen = new Dictionary<IPNetwork, int>();
        int index = 0;
        foreach (var entry in entries)
        {
            var label = $"{IpLocationOptions.SectionName}:Overrides:{index}";
            var network = ParseNetwork(entry?.Cidr, label, errors);
            var carrier = entry?.Carrier;
            if (carrier is null || !Enum.IsDefined(carrier.Value))
            {
                errors.Add($"{label}: Carrier is required and must be one of {string.Join(", ", Enum.GetNames<Carrier>())}.");
            }

            var province = ProvinceNames.NormalizeEnglish(entry?.Province);
            if (province is null)
            {
                errors.Add($"{label}: Province '{entry?.Province}' is not one of the 31 catalogue provinces ({string.Join(", ", ProvinceNames.All)}).");
            }

            if (network is { } net)
            {
                if (seen.TryGetValue(net, out var other))
                {
                    errors.Add($"{label}: Cidr '{net}' is already overridden by {IpLocationOptions.SectionName}:Overrides:{other}.");
                }
                else
                {
                    seen.Add(net, index);
                }
            }

            if (network is { } valid && carrier is { } c && province is not null)
            {
                parsed.Add(new CidrOverride(valid, c, province));
            }

            index++;
        }

        return parsed;
    }

    private static IPNetwork? ParseNetwork(string? cidr, string label, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(cidr))
        {
            errors.Add($"{label}: Cidr is required (e.g. 10.20.0.0/16).");
            return null;
        }

        cidr = cidr.Trim();
        if (!IPNetwork.TryParse(cidr, out var network))
        {
            errors.Add($"{label}: Cidr '{cidr}' is not a valid IPv4 network in CIDR notation (e.g. 10.20.0.0/16).");
            return null;
        }

        if (network.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            errors.Add($"{label}: Cidr '{cidr}' is not IPv4; the product is IPv4 only.");
            return null;
        }

        // The runtime quietly clears host bits (10.1.2.3/8 → 10.0.0.0/8); reject them so that a typo cannot
        // silently widen an override.
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && IPAddress.TryParse(cidr.AsSpan(0, slash), out var written)
            && !written.Equals(Mask(written, network.PrefixLength)))
        {
            errors.Add($"{label}: Cidr '{cidr}' has host bits set; did you mean '{Mask(written, network.PrefixLength)}/{network.PrefixLength}'?");
            return null;
        }

        return network;
    }

    private static IPAddress Mask(IPAddress address, int prefixLength)
    {
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        uint mask = prefixLength == 0 ? 0 : uint.MaxValue << (32 - prefixLength);
        BinaryPrimitives.WriteUInt32BigEndian(bytes, BinaryPrimitives.ReadUInt32BigEndian(bytes) & mask);
        return new IPAddress(bytes);
    }
}
