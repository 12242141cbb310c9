using System.Globalization;
using SpeedUp.Drivers;

namespace SpeedUp.Scheduler;

/// <summary>A tier a channel can apply, written <c>Direction:Mbps</c> in configuration (e.g. <c>Down:200</c>).</summary>
public readonly record struct ChannelTier(Direction Direction, int BandwidthMbps)
{
    /// <summary>Parses <c>Up:50</c> / <c>Down:200</c> (direction case-insensitive). False when malformed.</summary>
    public static bool TryParse(string? text, out ChannelTier tier)
    {
        tier = default;
        var parts = (text ?? "").Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !Enum.TryParse<Direction>(parts[0], ignoreCase: true, out var direction)
            || !Enum.IsDefined(direction)
            || int.TryParse(parts[0], out _)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var mbps)
            || mbps <= 0)
        {
            return false;
        }

        tier = new ChannelTier(direction, mbps);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Direction}:{BandwidthMbps}");
}
