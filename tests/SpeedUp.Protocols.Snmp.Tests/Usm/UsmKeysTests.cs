using SpeedUp.Protocols.Snmp.Internal.Usm;
using SpeedUp.Protocols.Snmp.Tests.Support;

namespace SpeedUp.Protocols.Snmp.Tests.Usm;

/// <summary>Password-to-key and localization (RFC 3414 §2.6, A.2, A.3; RFC 7860).</summary>
public class UsmKeysTests
{
    private static readonly byte[] Rfc3414EngineId = Hex.Bytes("000000000000000000000002");

    [Fact]
    public void PasswordToKey_Sha1_MatchesRfc3414A32()
    {
        var ku = UsmKeys.PasswordToKey(UsmAuthProtocol.HmacSha1, "maplesyrup");
        var kul = UsmKeys.Localize(UsmAuthProtocol.HmacSha1, ku, Rfc3414EngineId);

        Assert.Equal("9FB5CC0381497B3793528939FF788D5D79145211", Convert.ToHexString(ku));
        Assert.Equal("6695FEBC9288E36282235FC7151F128497B38F3F", Convert.ToHexString(kul));
    }

    [Theory]
    [InlineData(UsmAuthProtocol.HmacSha256, 32, 24)]
    [InlineData(UsmAuthProtocol.HmacSha384, 48, 32)]
    [InlineData(UsmAuthProtocol.HmacSha512, 64, 48)]
    public void Sha2Family_KeyAndMacLengths_FollowRfc7860(UsmAuthProtocol protocol, int keyLength, int macLength)
    {
        var kul = UsmKeys.Localize(protocol, UsmKeys.PasswordToKey(protocol, "maplesyrup"), Rfc3414EngineId);

        Assert.Equal(keyLength, kul.Length);
        Assert.Equal(macLength, UsmAuthentication.MacLength(protocol));
    }

    [Fact]
    public void Localize_DependsOnTheEngineId()
    {
        var ku = UsmKeys.PasswordToKey(UsmAuthProtocol.HmacSha256, "maplesyrup");

        Assert.NotEqual(
            UsmKeys.Localize(UsmAuthProtocol.HmacSha256, ku, Rfc3414EngineId),
            UsmKeys.Localize(UsmAuthProtocol.HmacSha256, ku, Hex.Bytes("000000000000000000000003")));
    }

    [Fact]
    public void KeyCache_ReturnsTheSameKeysForTheSameUserAndEngine()
    {
        var cache = new UsmKeyCache();
        var user = new UsmUser("u", UsmAuthProtocol.HmacSha1, "maplesyrup", UsmPrivProtocol.Aes128, "maplesyrup");

        var first = cache.Get(user, Rfc3414EngineId);

        Assert.Same(first, cache.Get(user, Rfc3414EngineId));
        Assert.Equal("6695FEBC9288E36282235FC7151F128497B38F3F", Convert.ToHexString(first.AuthKey));
        Assert.Equal(first.AuthKey, first.PrivKey);
        Assert.DoesNotContain("6695", first.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
