using SpeedUp.Protocols.Snmp.Internal;
using SpeedUp.Protocols.Snmp.Internal.Usm;
using SpeedUp.Protocols.Snmp.Tests.Support;

namespace SpeedUp.Protocols.Snmp.Tests.Usm;

/// <summary>SNMPv3 messages (RFC 3412 §6, RFC 3414 §2.4) built, signed, encrypted, decoded and opened.</summary>
public class V3MessageCodecTests
{
    private static readonly byte[] EngineId = Hex.Bytes("80000F3E050102030405060708");
    private static readonly UsmKeyCache Keys = new();

    public static TheoryData<UsmAuthProtocol, UsmPrivProtocol, SnmpSecurityLevel> Combinations() => new()
    {
        { UsmAuthProtocol.None, UsmPrivProtocol.None, SnmpSecurityLevel.NoAuthNoPriv },
        { UsmAuthProtocol.HmacSha1, UsmPrivProtocol.None, SnmpSecurityLevel.AuthNoPriv },
        { UsmAuthProtocol.HmacSha1, UsmPrivProtocol.Aes128, SnmpSecurityLevel.AuthPriv },
        { UsmAuthProtocol.HmacSha256, UsmPrivProtocol.Aes128, SnmpSecurityLevel.AuthPriv },
        { UsmAuthProtocol.HmacSha384, UsmPrivProtocol.Aes128, SnmpSecurityLevel.AuthPriv },
        { UsmAuthProtocol.HmacSha512, UsmPrivProtocol.Aes128, SnmpSecurityLevel.AuthPriv },
        { UsmAuthProtocol.HmacSha512, UsmPrivProtocol.Des, SnmpSecurityLevel.AuthPriv },
    };

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Message_RoundTripsAtEveryLevel(UsmAuthProtocol auth, UsmPrivProtocol priv, SnmpSecurityLevel level)
    {
        var keys = Keys.Get(User(auth, priv), EngineId);
        var pdu = new SnmpPdu(SnmpPduType.GetBulkRequest, 1234, 1, 10,
            [new VarBind(ObjectIdentifier.Parse("1.3.6.1.2.1.1"), SnmpValue.Null), new VarBind(ObjectIdentifier.Parse("1.3.6.1.4.1.99.2.0"), SnmpOctetString.FromString("x"))]);
        var scoped = new ScopedPdu(EngineId, "ctx"u8.ToArray(), pdu);

        var datagram = UsmMessageBuilder.Build(77, 1500, level, reportable: true, EngineId, 3, 4567, "user"u8.ToArray(), keys, scoped);
        var message = V3MessageCodec.Decode(datagram);
        var result = UsmMessageBuilder.Open(message, datagram, keys, out var opened);

        Assert.Equal(UsmOpenResult.Ok, result);
        Assert.Equal((77, 1500, level, true), (message.MessageId, message.MaxSize, message.Level, message.IsReportable));
        Assert.Equal((3, 4567), (message.Security.EngineBoots, message.Security.EngineTime));
        Assert.Equal(EngineId, message.Security.EngineId);
        Assert.Equal("user"u8.ToArray(), message.Security.UserName);
        Assert.Equal(UsmAuthentication.MacLength(auth), message.Security.AuthParameters.Length);
        Assert.Equal(level == SnmpSecurityLevel.AuthPriv, message.ScopedPdu is null);
        Assert.Equal("ctx"u8.ToArray(), opened!.ContextName);
        Assert.Equal(pdu.VarBinds, opened.Pdu.VarBinds);
        Assert.Equal((pdu.Type, pdu.RequestId, pdu.NonRepeaters, pdu.MaxRepetitions), (opened.Pdu.Type, opened.Pdu.RequestId, opened.Pdu.NonRepeaters, opened.Pdu.MaxRepetitions));
    }

    [Fact]
    public void TamperedMessage_FailsTheDigest_AndAnotherKeyToo()
    {
        var keys = Keys.Get(User(UsmAuthProtocol.HmacSha256, UsmPrivProtocol.Aes128), EngineId);
        var datagram = UsmMessageBuilder.Build(1, 1500, SnmpSecurityLevel.AuthPriv, true, EngineId, 1, 2, "user"u8.ToArray(), keys,
            new ScopedPdu(EngineId, [], new SnmpPdu(SnmpPduType.GetRequest, 1, 0, 0, [])));
        var other = Keys.Get(new UsmUser("user", UsmAuthProtocol.HmacSha256, "another-password", UsmPrivProtocol.Aes128, "priv-password"), EngineId);

        var tampered = (byte[])datagram.Clone();
        tampered[^1] ^= 1;

        Assert.Equal(UsmOpenResult.WrongDigest, UsmMessageBuilder.Open(V3MessageCodec.Decode(tampered), tampered, keys, out _));
        Assert.Equal(UsmOpenResult.WrongDigest, UsmMessageBuilder.Open(V3MessageCodec.Decode(datagram), datagram, other, out _));
    }

    [Fact]
    public void DiscoveryProbe_HasTheRfc3414Section4Shape()
    {
        var datagram = UsmMessageBuilder.Build(9, 65507, SnmpSecurityLevel.NoAuthNoPriv, true, [], 0, 0, [], null,
            new ScopedPdu([], [], new SnmpPdu(SnmpPduType.GetRequest, 9, 0, 0, [])));

        var message = V3MessageCodec.Decode(datagram);

        Assert.Empty(message.Security.EngineId);
        Assert.Empty(message.Security.UserName);
        Assert.Equal(V3MessageFlags.Reportable, message.Flags);
        Assert.Equal(SnmpCodecLimits.SnmpV3Version, MessageVersion.Peek(datagram));
    }

    [Theory]
    [InlineData("3003020103")]
    [InlineData("30100201033003020101040100020103")]
    public void Truncated_IsDecodingException(string hex)
    {
        Assert.Throws<SnmpDecodingException>(() => V3MessageCodec.Decode(Hex.Bytes(hex)));
    }

    [Fact]
    public void OverlongUserName_AndPrivWithoutAuth_AreRejected()
    {
        var scoped = new ScopedPdu([], [], new SnmpPdu(SnmpPduType.GetRequest, 1, 0, 0, []));
        var security = new UsmSecurityParameters(EngineId, 0, 0, [], [], []);
        var privOnly = V3MessageCodec.Encode(1, 1500, V3MessageFlags.Priv, security, [1, 2, 3], out _);

        Assert.Throws<SnmpDecodingException>(() =>
            UsmMessageBuilder.Build(1, 1500, SnmpSecurityLevel.NoAuthNoPriv, true, EngineId, 0, 0, new byte[33], null, scoped));
        Assert.Throws<SnmpDecodingException>(() => V3MessageCodec.Decode(privOnly));
    }

    private static UsmUser User(UsmAuthProtocol auth, UsmPrivProtocol priv) => new(
        "user", auth, auth == UsmAuthProtocol.None ? null : "auth-password", priv, priv == UsmPrivProtocol.None ? null : "priv-password");
}
