using System.Globalization;
using System.Net;
using System.Text.Json;
using SpeedUp.Drivers;
using SpeedUp.Location;

namespace SpeedUp.Host;

/// <summary>
/// Writes a BRAS simulator seed (the format of <c>simulators/data/*.json</c>, docs/simulator.md "Seed data") for
/// addresses of one carrier and province: one line per address with its own public address (ports 0-65535), band ids
/// from <c>firstBandId</c> on, accounts <c>ct43a0001</c> (carrier, GB/T 2260 province code, sequence), base rates
/// alternating 4/50 and 8/100 Mbit/s, capability 20/200 (Telecom) or 20/300 (Unicom), speed-up permitted. With
/// <c>cgnat</c> N ≥ 2 the last address is shared by N lines in port blocks of 1024 from port 1024 (a CGNAT address: the
/// port picks the line; ports below 1024 belong to none), as the conformance kit needs.
/// </summary>
internal static class SimulatorSeedWriter
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The band id the seed of a carrier and province starts at by default: carrier digit, province code, 000001 (Hunan Telecom: 343000001).</summary>
    public static long DefaultFirstBandId(Carrier carrier, string province) =>
        (CarrierDigit(carrier) * 100_000_000L) + (ProvinceCodes.Of(province) * 1_000_000L) + 1;

    /// <summary>The default hostname: <c>CT-BRAS-HUNAN</c>, <c>CU-BRAS-INNERMONGOLIA</c>.</summary>
    public static string DefaultHostname(Carrier carrier, string province) =>
        $"{Prefix(carrier).ToUpperInvariant()}-BRAS-{province.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()}";

    /// <summary>Most lines one CGNAT address may hold in a seed.</summary>
    public const int MaxCgnatLines = 16;

    public static void Write(TextWriter output, string hostname, Carrier carrier, string province, IReadOnlyList<IPAddress> addresses, long firstBandId, int cgnat = 0)
    {
        output.WriteLine("{");
        output.WriteLine($"  \"hostname\": {JsonSerializer.Serialize(hostname)},");
        output.WriteLine("  \"lines\": [");
        var code = ProvinceCodes.Of(province);
        var shared = cgnat >= 2 ? cgnat : 0;
        var total = addresses.Count + Math.Max(0, shared - 1);
        for (var i = 0; i < total; i++)
        {
            var fast = i % 2 == 1;
            var block = shared > 0 && i >= addresses.Count - 1 ? i - (addresses.Count - 1) : -1;
            var line = new SeedLine(
                BandId: firstBandId + i,
                Account: string.Create(CultureInfo.InvariantCulture, $"{Prefix(carrier)}{code:00}a{i + 1:0000}"),
                Province: province,
                IpAddress: addresses[Math.Min(i, addresses.Count - 1)].ToString(),
                PortFirst: block < 0 ? 0 : 1024 * (block + 1),
                PortLast: block < 0 ? 65535 : (1024 * (block + 2)) - 1,
                BaseUpKbps: fast ? 8000 : 4000,
                BaseDownKbps: fast ? 100_000 : 50_000,
                MaxUpKbps: 20_000,
                MaxDownKbps: carrier == Carrier.ChinaUnicom ? 300_000 : 200_000,
                SpeedUpPermitted: true);
            output.WriteLine($"    {JsonSerializer.Serialize(line, Json)}{(i + 1 < total ? "," : "")}");
        }

        output.WriteLine("  ]");
        output.WriteLine("}");
    }

    private static int CarrierDigit(Carrier carrier) => carrier == Carrier.ChinaUnicom ? 4 : 3;

    private static string Prefix(Carrier carrier) => carrier == Carrier.ChinaUnicom ? "cu" : "ct";

    private sealed record SeedLine(
        long BandId, string Account, string Province, string IpAddress, int PortFirst, int PortLast,
        int BaseUpKbps, int BaseDownKbps, int MaxUpKbps, int MaxDownKbps, bool SpeedUpPermitted);
}
