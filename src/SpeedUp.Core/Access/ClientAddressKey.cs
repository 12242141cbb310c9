using System.Net;
using System.Net.Sockets;

namespace SpeedUp.Core.Access;

/// <summary>The unit per-client limits count by, from a connection's remote address.</summary>
public static class ClientAddressKey
{
    /// <summary>
    /// An IPv4 address (also when IPv4-mapped) or IPv6 loopback as it is; any other IPv6 address as its /64, since one
    /// subscriber or host usually holds a whole /64 and could otherwise rotate past a per-address limit. Null for none.
    /// </summary>
    public static string? Of(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
