using Broadband.SpeedUp.V1;
using Grpc.Core;
using SpeedUp.Simulator;
using SpeedUp.Testing;

namespace SpeedUp.Benchmarks;

/// <summary>Pre-checks every seeded line once and keeps those the service offers a DOWN speed-up for (lowest tier).</summary>
internal static class LineDiscovery
{
    public static async Task<IReadOnlyList<ServiceLine>> FindAsync(
        SpeedUpService.SpeedUpServiceClient client, CarrierSimulators networks, CancellationToken cancellationToken)
    {
        var eligible = new List<ServiceLine>();
        var skipped = new List<string>();
        foreach (var (carrier, simulator) in new[] { ("Telecom", networks.Telecom), ("Unicom", networks.Unicom) })
        {
            foreach (var line in simulator.State.Lines)
            {
                var port = line.IsCgnat ? line.PortFirst : 0;
                var label = $"{carrier} {line.IpAddress}:{port} band {line.BandId} ({line.Province})";
                var reason = await TryAsync(client, carrier, line, port, eligible, cancellationToken);
                if (reason is not null)
                {
                    skipped.Add($"{label}: {reason}");
                }
            }
        }

        Report.KeyValue("lines with a DOWN offer", $"{eligible.Count} (Telecom {eligible.Count(l => l.Carrier == "Telecom")}, Unicom {eligible.Count(l => l.Carrier == "Unicom")})");
        foreach (var line in eligible)
        {
            Report.Line("    " + line);
        }

        Report.KeyValue("skipped lines", skipped.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var reason in skipped)
        {
            Report.Line("    " + reason);
        }

        return eligible;
    }

    private static async Task<string?> TryAsync(
        SpeedUpService.SpeedUpServiceClient client, string carrier, SubscriberLineState line, int port, List<ServiceLine> eligible, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await client.PrecheckAsync(
                new PrecheckRequest { IpAddress = line.IpAddress.ToString(), Port = port },
                deadline: DateTime.UtcNow.AddSeconds(30),
                cancellationToken: cancellationToken);
            var down = answer.Offers.Where(o => o.Direction == Direction.Down).Select(o => o.BandwidthMbps).ToArray();
            if (down.Length == 0)
            {
                return $"pre-check code {answer.Code}, no DOWN offer";
            }

            eligible.Add(new ServiceLine(carrier, line.IpAddress.ToString(), port, answer.BandId, down.Min()));
            return null;
        }
        catch (RpcException exception)
        {
            return $"pre-check {exception.StatusCode} {exception.Trailers.GetValue("x-product-code")}";
        }
    }
}
