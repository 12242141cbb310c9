using Broadband.SpeedUp.Admin.V1;

namespace SpeedUp.Admin.Cli.Output;

/// <summary>Channels as text.</summary>
internal static class ChannelViews
{
    public static void WriteList(ListChannelsResponse response, TextWriter writer)
    {
        var table = new TextTable("NAME", "CARRIER", "DRIVER", "HEALTH", "CIRCUIT", "IN USE", "CALLS", "FAULTS", "PROBED");
        foreach (var c in response.Channels)
        {
            table.Row(c.Name, c.Carrier, c.Driver, Health(c), Circuit(c), InUse(c), Fields.Number(c.Counters.Calls),
                Fields.Number(c.Counters.ChannelFaults), Fields.Time(c.ProbedAt));
        }

        table.WriteTo(writer);
        if (response.RecentFailovers.Count > 0)
        {
            writer.WriteLine();
            var failovers = new TextTable("FAILOVER AT", "FROM", "OPERATION", "REASON");
            foreach (var f in response.RecentFailovers.TakeLast(10))
            {
                failovers.Row(Fields.Time(f.At), f.FromChannel, f.Operation, f.Reason);
            }

            failovers.WriteTo(writer);
        }
    }

    public static void WriteOne(ChannelStatus c, TextWriter writer) => Fields.WriteList(writer,
        ("name", c.Name), ("carrier", c.Carrier), ("driver", c.Driver), ("provinces", string.Join(", ", c.Provinces)),
        ("tiers", c.Tiers.Count == 0 ? "all" : string.Join(", ", c.Tiers)),
        ("health", Health(c)), ("detail", Fields.Text(c.HealthDetail)), ("probed at", Fields.Time(c.ProbedAt)),
        ("probe latency", $"{c.ProbeLatencyMs:0.#} ms"), ("circuit", Circuit(c)), ("in use", InUse(c)),
        ("calls", Fields.Number(c.Counters.Calls)), ("channel faults", Fields.Number(c.Counters.ChannelFaults)),
        ("failovers from", Fields.Number(c.Counters.FailoversFrom)));

    private static string Health(ChannelStatus c) => c.Health switch
    {
        Broadband.SpeedUp.Admin.V1.Health.Healthy => "healthy",
        Broadband.SpeedUp.Admin.V1.Health.Unhealthy => "unhealthy",
        _ => "unknown",
    };

    private static string Circuit(ChannelStatus c) => c.Circuit switch
    {
        CircuitState.Open => "open",
        CircuitState.HalfOpen => "half-open",
        CircuitState.Isolated => "isolated",
        _ => "closed",
    };

    private static string InUse(ChannelStatus c) =>
        $"{c.Capacity.SpeedUpsInUse}/{(c.Capacity.MaxSpeedUps == 0 ? "∞" : Fields.Number(c.Capacity.MaxSpeedUps))}";
}
