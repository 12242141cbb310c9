namespace SpeedUp.Scheduler;

/// <summary>
/// Channels of one carrier that serve a common province must reach the same subscriber lines (failover and restores
/// move a line's change between them): each such pair must have the same <see cref="ChannelLineGroup"/>. One problem
/// per pair of channels, naming both, the provinces they share and the way out.
/// </summary>
public static class SharedProvinceRule
{
    /// <summary>The pairs of <paramref name="channels"/> that serve a common province but reach different lines.</summary>
    public static IEnumerable<string> Problems(IList<SupplyChannelOptions> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var described = channels
            .Select((channel, index) => (Index: index, Channel: channel, Group: ChannelLineGroup.Of(channel), Served: ChannelProvinces.Served(channel)))
            .ToArray();
        for (var i = 0; i < described.Length; i++)
        {
            for (var j = i + 1; j < described.Length; j++)
            {
                var (a, b) = (described[i], described[j]);
                if (a.Channel.Carrier != b.Channel.Carrier || string.Equals(a.Group.Key, b.Group.Key, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var shared = a.Served.Intersect(b.Served, StringComparer.Ordinal).ToArray();
                if (shared.Length == 0)
                {
                    continue;
                }

                yield return $"SpeedUp:Channels:{a.Index} ({a.Channel.Name}) and SpeedUp:Channels:{b.Index} ({b.Channel.Name}) both serve " +
                    $"{a.Channel.Carrier} in {string.Join(", ", shared)} but do not declare that they reach the same lines " +
                    $"(SpeedUp:Channels:{a.Index}: {a.Group.Description}; SpeedUp:Channels:{b.Index}: {b.Group.Description}). " +
                    $"If they reach the same subscriber lines, give both the same Reaches; otherwise take the provinces off one " +
                    $"(SpeedUp:Channels:{a.Index}:ExcludeProvinces or SpeedUp:Channels:{b.Index}:ExcludeProvinces).";
            }
        }
    }
}
