using System.Net;
using Microsoft.Extensions.Time.Testing;
using SpeedUp.Protocols.Snmp.Internal;
using SpeedUp.Protocols.Snmp.Internal.Usm;
using SpeedUp.Protocols.Snmp.Tests.Support;

namespace SpeedUp.Protocols.Snmp.Tests.Usm;

/// <summary>
/// Mutated SNMPv3 packets: the decoder throws only <see cref="SnmpDecodingException"/>, the agent never throws
/// and allocates a bounded amount per datagram. Two layers: mutated wire bytes (mostly stopped by the MAC),
/// and mutated ScopedPDUs sealed with the right keys, so the decrypted-plaintext parser sees hostile input too.
/// </summary>
public class V3MutationFuzzTests
{
    private const int Iterations = 5_000;
    private const long MaxBytesPerDatagram = 512 * 1024;
    private static readonly byte[] EngineId = Hex.Bytes("80000F3E050011223344556677");
    private static readonly UsmUser ShaAes = new("fuzz", UsmAuthProtocol.HmacSha1, "fuzz-auth-pass", UsmPrivProtocol.Aes128, "fuzz-priv-pass");
    private static readonly UsmUser Sha512Des = new("fuzz2", UsmAuthProtocol.HmacSha512, "fuzz-auth-pass", UsmPrivProtocol.Des, "fuzz-priv-pass");
    private static readonly IPEndPoint Remote = new(IPAddress.Loopback, 9);

    [Fact]
    public void MutatedWireBytes_OnlyEverThrowSnmpDecodingException_AndTheAgentNeverThrows()
    {
        var random = new Random(20250301);
        var agent = CreateAgent();
        var seeds = Seeds();
        var decoded = 0;

        for (var i = 0; i < Iterations; i++)
        {
            var packet = MutationFuzzTests.Mutate(seeds[random.Next(seeds.Length)], random);
            try
            {
                V3MessageCodec.Decode(packet);
                decoded++;
            }
            catch (SnmpDecodingException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail("Iteration " + i + " packet " + Convert.ToHexString(packet) + " threw " + e);
            }

            HandleBounded(agent, packet, i);
        }

        Assert.InRange(decoded, 1, Iterations - 1);
    }

    [Fact]
    public void MutatedScopedPdus_SealedWithTheRightKeys_NeverThrowInTheAgent()
    {
        var random = new Random(20250302);
        var agent = CreateAgent();
        var cache = new UsmKeyCache();
        var plaintexts = Seeds().Select(s => V3MessageCodec.Decode(s).ScopedPdu).OfType<ScopedPdu>().Select(ScopedPduCodec.Encode).ToArray();
        plaintexts = [.. plaintexts, ScopedPduCodec.Encode(Scoped(SnmpPduType.SetRequest, new SnmpOctetString(new byte[40])))];
        var answered = 0;

        for (var i = 0; i < Iterations; i++)
        {
            var user = i % 2 == 0 ? ShaAes : Sha512Des;
            var plaintext = MutationFuzzTests.Mutate(plaintexts[random.Next(plaintexts.Length)], random);
            var packet = UsmMessageBuilder.BuildFromEncoded(
                i, 65507, SnmpSecurityLevel.AuthPriv, true, EngineId, 1, 0, System.Text.Encoding.UTF8.GetBytes(user.Name), cache.Get(user, EngineId), plaintext);

            answered += HandleBounded(agent, packet, i) is null ? 0 : 1;
        }

        Assert.InRange(answered, 1, Iterations - 1);
    }

    private static byte[]? HandleBounded(SnmpAgent agent, byte[] packet, int iteration)
    {
        byte[]? reply = null;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var exception = Record.Exception(() => reply = agent.Handle(packet, Remote));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(exception is null, "Iteration " + iteration + " packet " + Convert.ToHexString(packet) + " threw " + exception);
        Assert.True(allocated < MaxBytesPerDatagram, "Iteration " + iteration + " allocated " + allocated + " bytes.");
        return reply;
    }

    private static SnmpAgent CreateAgent()
    {
        var options = new SnmpAgentOptions { EngineId = EngineId, TimeProvider = new FakeTimeProvider() };
        options.Users.Add(new SnmpAgentUser(ShaAes, CanWrite: true));
        options.Users.Add(new SnmpAgentUser(Sha512Des, CanWrite: true));
        return new SnmpAgent(options, TestMib.CreateDefault());
    }

    private static byte[][] Seeds()
    {
        var cache = new UsmKeyCache();
        var shaAes = cache.Get(ShaAes, EngineId);
        var sha512Des = cache.Get(Sha512Des, EngineId);
        var get = Scoped(SnmpPduType.GetRequest, SnmpValue.Null);
        var set = Scoped(SnmpPduType.SetRequest, new SnmpInteger(7));
        var bulk = Scoped(SnmpPduType.GetBulkRequest, SnmpValue.Null) with { Pdu = new SnmpPdu(SnmpPduType.GetBulkRequest, 5, 0, 50, get.Pdu.VarBinds) };
        return
        [
            UsmMessageBuilder.Build(1, 65507, SnmpSecurityLevel.AuthPriv, true, EngineId, 1, 0, "fuzz"u8.ToArray(), shaAes, get),
            UsmMessageBuilder.Build(2, 65507, SnmpSecurityLevel.AuthPriv, true, EngineId, 1, 0, "fuzz"u8.ToArray(), shaAes, set),
            UsmMessageBuilder.Build(3, 65507, SnmpSecurityLevel.AuthPriv, true, EngineId, 1, 0, "fuzz2"u8.ToArray(), sha512Des, bulk),
            UsmMessageBuilder.Build(4, 65507, SnmpSecurityLevel.AuthNoPriv, true, EngineId, 1, 0, "fuzz"u8.ToArray(), shaAes, get),
            UsmMessageBuilder.Build(5, 65507, SnmpSecurityLevel.NoAuthNoPriv, true, [], 0, 0, [], null, new ScopedPdu([], [], new SnmpPdu(SnmpPduType.GetRequest, 5, 0, 0, []))),
        ];
    }

    private static ScopedPdu Scoped(SnmpPduType type, SnmpValue value) => new(EngineId, [], new SnmpPdu(type, 9, 0, 0,
        [new VarBind(ObjectIdentifier.Parse("1.3.6.1.4.1.99.1.0"), value), new VarBind(ObjectIdentifier.Parse("1.3.6.1.6.3.15.1.1.5.0"), SnmpValue.Null)]));
}
