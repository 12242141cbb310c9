using System.Net;
using SpeedUp.Protocols.Snmp.Internal;
using SpeedUp.Protocols.Snmp.Tests.Support;

namespace SpeedUp.Protocols.Snmp.Tests;

/// <summary>Mutated valid packets: the decoder throws only <see cref="SnmpDecodingException"/>, the agent never throws.</summary>
public class MutationFuzzTests
{
    private const int Iterations = 5_000;

    [Fact]
    public void MutatedPackets_OnlyEverThrowSnmpDecodingException()
    {
        var random = new Random(20240601);
        var seeds = Seeds();
        var agent = new SnmpAgent(new SnmpAgentOptions(), TestMib.CreateDefault());
        var remote = new IPEndPoint(IPAddress.Loopback, 9);
        var decoded = 0;

        for (var i = 0; i < Iterations; i++)
        {
            var packet = Mutate(seeds[random.Next(seeds.Length)], random);
            try
            {
                CommunityMessageCodec.Decode(packet);
                decoded++;
            }
            catch (SnmpDecodingException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail("Iteration " + i + " packet " + Convert.ToHexString(packet) + " threw " + e);
            }

            var exception = Record.Exception(() => agent.Handle(packet, remote));
            Assert.Null(exception);
        }

        Assert.InRange(decoded, 1, Iterations - 1);
    }

    private static byte[][] Seeds() =>
    [
        Hex.Bytes(NetSnmpBytesTests.SnmpGetRequest),
        Hex.Bytes(NetSnmpBytesTests.SnmpSetRequest),
        Hex.Bytes(NetSnmpBytesTests.SnmpBulkGetRequest),
        Hex.Bytes(NetSnmpBytesTests.SnmpdGetResponse),
        Hex.Bytes(NetSnmpBytesTests.SnmpdGetNextResponse),
        CommunityMessageCodec.Encode(new CommunityMessage(SnmpVersion.V1, "private"u8.ToArray(), new SnmpPdu(
            SnmpPduType.SetRequest, 9, 0, 0,
            [
                new VarBind(ObjectIdentifier.Parse("1.3.6.1.4.1.99.1.0"), new SnmpInteger(7)),
                new VarBind(ObjectIdentifier.Parse("1.3.6.1.4.1.99.6.0"), new SnmpIpAddress(IPAddress.Parse("1.2.3.4"))),
                new VarBind(ObjectIdentifier.Parse("1.3.6.1.4.1.99.9.0"), new SnmpOpaque(new byte[] { 1, 2 })),
            ]))),
    ];

    internal static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        var mutations = random.Next(1, 5);
        for (var m = 0; m < mutations && bytes.Count > 0; m++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0: bytes[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: bytes[at] = (byte)random.Next(256); break;
                case 2: bytes.Insert(at, (byte)random.Next(256)); break;
                case 3: bytes.RemoveAt(at); break;
                case 4: bytes.RemoveRange(at, bytes.Count - at); break;
                case 5: bytes[at] = new byte[] { 0x80, 0x81, 0x84, 0xff, 0x00, 0x7f }[random.Next(6)]; break;
                default: bytes.InsertRange(at, bytes.GetRange(at, Math.Min(8, bytes.Count - at))); break;
            }
        }

        return [.. bytes];
    }
}
