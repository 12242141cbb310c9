using System.Globalization;
using System.Net;
using SpeedUp.Protocols.Radius;

namespace SpeedUp.Drivers.Coa.Internal;

/// <summary>
/// Turns "set this line's direction to this rate" into CoA-Request attributes, checking every value against the
/// vendor's grammar (band id, account pattern, rate bounds) and the dictionary's type before anything is sent
/// (<see cref="DriverFailure.InvalidValue"/> otherwise).
/// </summary>
internal sealed class CoaRequestBuilder(CoaVendor vendor)
{
    /// <summary>Checks the line reference (band id 1..2^31-1, account matching the vendor's pattern).</summary>
    public void ValidateLine(LineReference line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.BandId is < 1 or > int.MaxValue)
        {
            throw new DriverException(DriverFailure.InvalidValue, "Band id " + line.BandId + " is outside 1-2147483647; nothing was sent.");
        }

        if (line.Account is null || !vendor.AccountPattern.IsMatch(line.Account) || line.Account.Any(char.IsControl))
        {
            throw new DriverException(DriverFailure.InvalidValue, "The account is not a valid access account for " + vendor.Driver + "; nothing was sent.");
        }
    }

    /// <summary>The rate attribute for <paramref name="direction"/> at <paramref name="rateKbps"/>, checked.</summary>
    public RadiusAttribute Rate(Direction direction, long rateKbps)
    {
        if (!Enum.IsDefined(direction))
        {
            throw new DriverException(DriverFailure.InvalidValue, "Unknown direction " + direction + "; nothing was sent.");
        }

        if (!vendor.TryGetRate(direction, out var rate))
        {
            throw new DriverException(DriverFailure.InvalidValue, vendor.Driver + " has no rate attribute for " + direction + "; nothing was sent.");
        }

        if (rateKbps < vendor.MinRateKbps || rateKbps > rate.MaxKbps)
        {
            throw new DriverException(DriverFailure.InvalidValue,
                "Rate " + rateKbps + " kbit/s is outside " + vendor.MinRateKbps + "-" + rate.MaxKbps + " kbit/s for " + rate.Definition.Name + "; nothing was sent.");
        }

        return Create(rate.Definition.Name, rate.ValueText(rateKbps));
    }

    /// <summary>The session identification attribute; <paramref name="address"/> is needed for Framed-IP-Address.</summary>
    public RadiusAttribute Session(LineReference line, IPAddress? address) => vendor.Session switch
    {
        CoaSession.UserName => Create("User-Name", line.Account),
        CoaSession.AcctSessionId => Create("Acct-Session-Id", line.BandId.ToString(CultureInfo.InvariantCulture)),
        _ => Create("Framed-IP-Address", RequireIpv4(address).ToString()),
    };

    /// <summary>The request's text in the dry-run notation.</summary>
    public string Describe(IEnumerable<RadiusAttribute> attributes) => RadiusRequestText.Format(RadiusCode.CoaRequest, attributes, vendor.Dictionary);

    private RadiusAttribute Create(string name, string value)
    {
        try
        {
            return vendor.Dictionary.Create(name, value);
        }
        catch (ArgumentException e)
        {
            throw new DriverException(DriverFailure.InvalidValue, name + " does not accept the value for its dictionary type; nothing was sent.", e);
        }
    }

    private static IPAddress RequireIpv4(IPAddress? address)
    {
        var v4 = address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
        return v4 is { AddressFamily: System.Net.Sockets.AddressFamily.InterNetwork }
            ? v4
            : throw new DriverException(DriverFailure.InvalidValue, "Framed-IP-Address needs the line's IPv4 address; nothing was sent.");
    }
}
