using SpeedUp.Protocols.Radius.Tests.Support;

namespace SpeedUp.Protocols.Radius.Tests;

/// <summary>Random and mutated datagrams (fixed seeds): decoder and verifiers return, never throw.</summary>
public class MutationFuzzTests
{
    private const int Iterations = 20_000;
    private static readonly RadiusSharedSecret Secret = new("testing123");

    [Fact]
    public void MutatedPackets_NeverThrow_AndSomeStillDecode()
    {
        var random = new Random(20261204);
        var seeds = Seeds();
        var formats = FixedFormats();
        var decoded = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var packet = Mutate(seeds[random.Next(seeds.Length)], random);
            var exception = Record.Exception(() =>
            {
                if (RadiusPacketCodec.TryDecode(packet, formats, out _, out _))
                {
                    decoded++;
                }

                RadiusAuthenticator.VerifyRequest(packet, Secret, requireMessageAuthenticator: true);
                RadiusAuthenticator.VerifyResponse(packet, new byte[16], Secret);
            });
            Assert.True(exception is null, "Iteration " + i + " packet " + Convert.ToHexString(packet) + " threw " + exception);
        }

        Assert.InRange(decoded, 1, Iterations - 1);
    }

    [Fact]
    public void RandomBytes_NeverThrow()
    {
        var random = new Random(4096);
        for (var i = 0; i < Iterations; i++)
        {
            var packet = new byte[random.Next(0, 300)];
            random.NextBytes(packet);
            if (packet.Length >= 4 && random.Next(2) == 0)
            {
                // A plausible Length field gets the random attributes parsed instead of refused at the header.
                packet[2] = (byte)(packet.Length >> 8);
                packet[3] = (byte)packet.Length;
            }

            var exception = Record.Exception(() =>
            {
                RadiusPacketCodec.TryDecode(packet, FixedFormats(), out _, out _);
                RadiusAuthenticator.VerifyRequest(packet, Secret);
            });
            Assert.True(exception is null, "Iteration " + i + " packet " + Convert.ToHexString(packet) + " threw " + exception);
        }
    }

    private static byte[][] Seeds() =>
    [
        Hex.Bytes(RadiusPacketCodecTests.CoaRequest),
        Hex.Bytes(RadiusPacketCodecTests.CoaNak),
        RadiusPacketCodec.Encode(new RadiusPacket(RadiusCode.DisconnectRequest, 9, new byte[16],
        [
            RadiusAttribute.FromString(1, "user"),
            RadiusAttribute.VendorUInt32(3902, 89, 1000),
            RadiusAttribute.VendorUInt32(25506, 2, 2000),
            RadiusAttribute.Vendor(4846, 0x0102, [1, 2, 3]),
        ]), FixedFormats()),
    ];

    private static IRadiusVendorFormats FixedFormats() => new Formats();

    private static byte[] Mutate(byte[] seed, Random random)
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
                case 5: bytes[at] = new byte[] { 0x00, 0x01, 0x02, 0xff, 0x1a, 0x50 }[random.Next(6)]; break;
                default: bytes.InsertRange(at, bytes.GetRange(at, Math.Min(8, bytes.Count - at))); break;
            }
        }

        // Keep the Length field in step half of the time, so mutations reach the attribute parser.
        if (bytes.Count >= 4 && random.Next(2) == 0)
        {
            bytes[2] = (byte)(bytes.Count >> 8);
            bytes[3] = (byte)bytes.Count;
        }

        return [.. bytes];
    }

    private sealed class Formats : IRadiusVendorFormats
    {
        public RadiusVendorFormat FormatOf(uint vendorId) => vendorId switch
        {
            4846 => new RadiusVendorFormat(2, 1, false),
            429 => new RadiusVendorFormat(4, 0, false),
            24757 => new RadiusVendorFormat(1, 1, true),
            8164 => new RadiusVendorFormat(2, 2, false),
            _ => RadiusVendorFormat.Default,
        };
    }
}
