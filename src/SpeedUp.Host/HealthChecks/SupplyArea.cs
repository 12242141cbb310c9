using SpeedUp.Drivers;
using SpeedUp.Scheduler;

namespace SpeedUp.Host.HealthChecks;

/// <summary>
/// One carrier and province the configured channels serve, and how many of those channels serve now: a channel serves
/// unless its circuit is open (or isolated) or its latest probe or call failed.
/// </summary>
internal sealed record SupplyArea(Carrier Carrier, string Province, IReadOnlyList<string> Serving, IReadOnlyList<string> Down)
{
    /// <summary>The gRPC health service name of the area, e.g. <c>speedup.supply.ChinaTelecom.Zhejiang</c>.</summary>
    public string ServiceName => ServiceNameOf(Carrier, Province);

    /// <summary>The health service name of an area.</summary>
    public static string ServiceNameOf(Carrier carrier, string province) => $"speedup.supply.{carrier}.{province}";

    /// <summary>
    /// Every area of the configured channels, with each channel's state now. Each channel's state is read once, so
    /// one report is consistent even while a probe changes a channel's state (a channel is never both serving one
    /// area and down for another).
    /// </summary>
    public static IReadOnlyList<SupplyArea> Of(SupplyChannelRegistry registry) =>
        [.. registry.Channels
            .Select(c => (Channel: c, Serving: IsServing(c)))
            .ToArray()
            .SelectMany(c => c.Channel.Provinces.Select(p => (c.Channel.Options.Carrier, Province: p, c.Channel.Name, c.Serving)))
            .GroupBy(x => (x.Carrier, x.Province))
            .Select(g => new SupplyArea(g.Key.Carrier, g.Key.Province,
                [.. g.Where(x => x.Serving).Select(x => x.Name)],
                [.. g.Where(x => !x.Serving).Select(x => x.Name)]))
            .OrderBy(a => a.Carrier).ThenBy(a => a.Province, StringComparer.Ordinal)];

    /// <summary>Whether a channel can take traffic now.</summary>
    public static bool IsServing(SupplyChannel channel) =>
        channel.Circuit is not (ChannelCircuitState.Open or ChannelCircuitState.Isolated) && channel.Health.State != ChannelHealthState.Unhealthy;

    /// <summary>"2/2 serving" or "1/2 serving (down: ct-huawei-ssh)".</summary>
    public string Describe() =>
        $"{Serving.Count}/{Serving.Count + Down.Count} serving" + (Down.Count > 0 ? $" (down: {string.Join(", ", Down)})" : "");
}
