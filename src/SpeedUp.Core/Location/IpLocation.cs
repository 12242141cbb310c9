using SpeedUp.Drivers;

namespace SpeedUp.Core.Location;

/// <summary>Where an address is, as far as the location data knows.</summary>
/// <param name="Country">Country as the data names it (e.g. 中国), or empty when unknown/private.</param>
/// <param name="Province">English province name as the offer catalogue spells it (e.g. <c>Zhejiang</c>, <c>Inner Mongolia</c>), or null.</param>
/// <param name="Carrier">The carrier, or null when it is neither China Telecom nor China Unicom.</param>
/// <param name="Isp">The ISP as the data names it (e.g. 电信, 联通, 移动), for messages.</param>
/// <param name="Source">Which data answered: <c>override</c> (CIDR table) or <c>ip2region</c>.</param>
public sealed record IpLocation(string Country, string? Province, Carrier? Carrier, string Isp, string Source);
