using SpeedUp.Core.Catalogue;

namespace SpeedUp.Scheduler;

/// <summary>
/// The provinces a channel serves: <see cref="SupplyChannelOptions.ReplaceProvinces"/> when set, else
/// <see cref="SupplyChannelOptions.Provinces"/>, minus <see cref="SupplyChannelOptions.ExcludeProvinces"/>.
/// </summary>
public static class ChannelProvinces
{
    /// <summary>The provinces <paramref name="channel"/> serves, in configuration order, each once.</summary>
    public static IReadOnlyList<string> Served(SupplyChannelOptions channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var excluded = channel.ExcludeProvinces.Select(p => p.Trim()).ToHashSet(StringComparer.Ordinal);
        return [.. Listed(channel).Where(p => !excluded.Contains(p)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The provinces before exclusion: the replacement list when set, else <see cref="SupplyChannelOptions.Provinces"/>.</summary>
    public static IReadOnlyList<string> Listed(SupplyChannelOptions channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return string.IsNullOrWhiteSpace(channel.ReplaceProvinces)
            ? [.. channel.Provinces.Select(p => p.Trim())]
            : [.. channel.ReplaceProvinces.Split(',').Select(p => p.Trim())];
    }

    /// <summary>What is wrong with the channel's province keys (<paramref name="where"/> = <c>SpeedUp:Channels:N</c>).</summary>
    public static IEnumerable<string> Problems(SupplyChannelOptions channel, string where)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var replaced = !string.IsNullOrWhiteSpace(channel.ReplaceProvinces);
        var listKey = replaced ? $"{where}:ReplaceProvinces" : $"{where}:Provinces";
        var listed = Listed(channel);
        if (listed.Count == 0)
        {
            yield return $"{where}:Provinces must name at least one province.";
            yield break;
        }

        foreach (var province in listed.Where(p => !Provinces.All.Contains(p)))
        {
            yield return province.Length == 0
                ? $"{listKey} has an empty entry (write Hunan,Hubei)."
                : $"{listKey} names an unknown province '{province}'.";
        }

        foreach (var province in channel.ExcludeProvinces.Select(p => p.Trim()).Where(p => !Provinces.All.Contains(p)))
        {
            yield return $"{where}:ExcludeProvinces names an unknown province '{province}'.";
        }

        if (Served(channel).Count == 0)
        {
            yield return $"{where}:ExcludeProvinces takes off every province of {listKey}: the channel would serve none (remove the channel instead).";
        }
    }
}
