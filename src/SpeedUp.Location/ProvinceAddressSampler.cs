using System.Buffers.Binary;
using System.Net;
using SpeedUp.Core.Location;
using SpeedUp.Drivers;

namespace SpeedUp.Location;

/// <summary>
/// Picks real addresses of one carrier and province: addresses inside the ip2region ranges of that carrier and province
/// (mainland China), each checked through the locator the service uses (overrides applied), so that every address
/// returned locates back to the carrier and province asked. Deterministic for a given random seed.
/// </summary>
public sealed class ProvinceAddressSampler(Ip2RegionDatabase database, IIpLocator locator)
{
    private const string China = "中国";
    private const int AttemptsPerAddress = 200;

    /// <summary>The ip2region ranges of <paramref name="carrier"/> in <paramref name="province"/> (catalogue spelling).</summary>
    public IReadOnlyList<Ip2RegionRange> RangesOf(Carrier carrier, string province) =>
        [.. database.Ranges().Where(r => r.Record.Country == China
            && CarrierNames.FromIsp(r.Record.Isp) == carrier
            && ProvinceNames.FromChinese(r.Record.Province) == province)];

    /// <summary>
    /// Up to <paramref name="count"/> distinct addresses (host part neither .0 nor .255) of <paramref name="carrier"/> in
    /// <paramref name="province"/>, ascending; fewer only when the ranges hold no more that locate back.
    /// </summary>
    public IReadOnlyList<IPAddress> Sample(Carrier carrier, string province, int count, int randomSeed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var ranges = RangesOf(carrier, province);
        var chosen = new SortedSet<uint>();
        if (ranges.Count == 0)
        {
            return [];
        }

        var random = new Random(randomSeed);
        for (var attempt = 0; attempt < count * AttemptsPerAddress && chosen.Count < count; attempt++)
        {
            var range = ranges[random.Next(ranges.Count)];
            var ip = (uint)(range.Start + random.NextInt64((long)range.End - range.Start + 1));
            if ((ip & 0xFF) is 0 or 0xFF || chosen.Contains(ip))
            {
                continue;
            }

            var location = locator.Locate(ToAddress(ip));
            if (location.Carrier == carrier && location.Province == province)
            {
                chosen.Add(ip);
            }
        }

        return [.. chosen.Select(ToAddress)];
    }

    private static IPAddress ToAddress(uint ip)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, ip);
        return new IPAddress(bytes);
    }
}
