using System.Net;

namespace SpeedUp.Core.Location;

/// <summary>Tells which carrier and province an IPv4 address belongs to.</summary>
public interface IIpLocator
{
    /// <summary>Locates <paramref name="address"/>. Never null: unknown parts are null in the result.</summary>
    IpLocation Locate(IPAddress address);
}
