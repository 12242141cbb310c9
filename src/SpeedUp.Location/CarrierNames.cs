using SpeedUp.Drivers;

namespace SpeedUp.Location;

/// <summary>Maps ISP names as ip2region writes them to <see cref="Carrier"/>.</summary>
/// <remarks>
/// Only exact names are mapped: <c>电信</c>/<c>中国电信</c> → China Telecom and <c>联通</c>/<c>中国联通</c> →
/// China Unicom. <c>网通</c>/<c>中国网通</c> (China Netcom) are also mapped to China Unicom, which absorbed
/// Netcom in 2008 and still runs its former broadband networks; the shipped data no longer uses the name, but
/// older data and hand-written overrides may. Names that merely contain 电信 (e.g. 中华电信, 西班牙电信) and
/// everything else (移动, 铁通, 教育网, …) map to null.
/// </remarks>
public static class CarrierNames
{
    /// <summary>The carrier of an ISP name, or null when it is neither China Telecom nor China Unicom.</summary>
    public static Carrier? FromIsp(string? isp) => isp?.Trim() switch
    {
        "电信" or "中国电信" => Carrier.ChinaTelecom,
        "联通" or "中国联通" or "网通" or "中国网通" => Carrier.ChinaUnicom,
        _ => null,
    };

    /// <summary>The ISP name ip2region uses for a carrier (<c>电信</c> or <c>联通</c>).</summary>
    public static string ToIsp(Carrier carrier) => carrier switch
    {
        Carrier.ChinaTelecom => "电信",
        Carrier.ChinaUnicom => "联通",
        _ => carrier.ToString(),
    };
}
