using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Location;

namespace SpeedUp.Location;

/// <summary>
/// Locates IPv4 addresses: the configured CIDR overrides win (longest prefix), otherwise the ip2region
/// database answers. The database is loaded on first use, once; if loading fails, every call rethrows the
/// same error until the process restarts.
/// </summary>
/// <remarks>
/// IPv4-mapped IPv6 addresses (<c>::ffff:a.b.c.d</c>) are located as IPv4. Other IPv6 addresses are not
/// looked up: the result has an empty country and ISP and a null carrier and province (the product is
/// IPv4 only; the caller reports the error).
/// </remarks>
public sealed class IpLocator : IIpLocator
{
    /// <summary><see cref="IpLocation.Source"/> of an answer from the CIDR override table.</summary>
    public const string OverrideSource = "override";

    /// <summary><see cref="IpLocation.Source"/> of an answer from the ip2region database.</summary>
    public const string Ip2RegionSource = "ip2region";

    private const string China = "中国";

    private readonly Lazy<Ip2RegionDatabase> _database;
    private readonly CidrOverrideTable _overrides;

    /// <summary>Creates a locator from options; the database at <see cref="IpLocationOptions.DatabasePath"/> is loaded on first use.</summary>
    /// <exception cref="ArgumentException">An override is invalid.</exception>
    public IpLocator(IOptions<IpLocationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var path = settings.DatabasePath;
        _overrides = new CidrOverrideTable(settings.Overrides);
        _database = new Lazy<Ip2RegionDatabase>(() => Ip2RegionDatabase.Load(path), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Creates a locator over an already loaded database and override table.</summary>
    public IpLocator(Ip2RegionDatabase database, CidrOverrideTable overrides)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(overrides);
        _database = new Lazy<Ip2RegionDatabase>(database);
        _overrides = overrides;
    }

    /// <inheritdoc />
    public IpLocation Locate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return new IpLocation("", null, null, "", Ip2RegionSource);
        }

        if (_overrides.Match(address) is { } match)
        {
            return new IpLocation(China, match.Province, match.Carrier, CarrierNames.ToIsp(match.Carrier), OverrideSource);
        }

        var record = _database.Value.Find(address);
        if (record is null)
        {
            return new IpLocation("", null, null, "", Ip2RegionSource);
        }

        var province = record.Country == China ? ProvinceNames.FromChinese(record.Province) : null;
        return new IpLocation(record.Country, province, CarrierNames.FromIsp(record.Isp), record.Isp, Ip2RegionSource);
    }
}
