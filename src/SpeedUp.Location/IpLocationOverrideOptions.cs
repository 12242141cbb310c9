using SpeedUp.Drivers;

namespace SpeedUp.Location;

/// <summary>
/// One configured override: every IPv4 address in <see cref="Cidr"/> belongs to <see cref="Carrier"/> in
/// <see cref="Province"/>, whatever ip2region says. Bound from <c>SpeedUp:Location:Overrides:N</c>.
/// </summary>
public sealed class IpLocationOverrideOptions
{
    /// <summary>IPv4 network in CIDR notation with no host bits set, e.g. <c>10.20.0.0/16</c>. Required.</summary>
    public string Cidr { get; set; } = "";

    /// <summary>The carrier of the addresses (<c>ChinaTelecom</c> or <c>ChinaUnicom</c>). Required.</summary>
    public Carrier? Carrier { get; set; }

    /// <summary>English province name as the product catalogue spells it, e.g. <c>Zhejiang</c>. Required.</summary>
    public string? Province { get; set; }
}
