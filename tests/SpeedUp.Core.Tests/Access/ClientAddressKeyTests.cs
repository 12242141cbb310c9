using System.Net;
using SpeedUp.Core.Access;

namespace SpeedUp.Core.Tests;

/// <summary>Per-client limits count IPv4 addresses one by one and IPv6 addresses by their /64.</summary>
public sealed class ClientAddressKeyTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("127.0.0.2", "127.0.0.2")]
    [InlineData("::1", "::1")]
    [InlineData("2001:db8:aa:bb:1:2:3:4", "2001:db8:aa:bb::/64")]
    [InlineData("2001:db8:aa:bb:ffff:ffff:ffff:ffff", "2001:db8:aa:bb::/64")]
    [InlineData("2001:db8:aa:bc::1", "2001:db8:aa:bc::/64")]
    public void Of_Address_IsCountedByItsKey(string address, string key) =>
        Assert.Equal(key, ClientAddressKey.Of(IPAddress.Parse(address)));

    [Fact]
    public void Of_NoAddress_HasNoKey() => Assert.Null(ClientAddressKey.Of(null));
}
