using SpeedUp.Drivers;

namespace SpeedUp.Core.Catalogue;

/// <summary>One configured China Unicom tier (section <c>SpeedUp:Catalogue:ChinaUnicom:N</c>).</summary>
public sealed class UnicomTierOptions
{
    /// <summary>UP or DOWN.</summary>
    public Direction Direction { get; set; }

    /// <summary>Target rate in Mbit/s.</summary>
    public int BandwidthMbps { get; set; }

    /// <summary>Provinces (English names) where Unicom delivers this tier.</summary>
    public IList<string> Provinces { get; } = new List<string>();
}
