namespace SpeedUp.Core.Catalogue;

/// <summary>The 31 mainland provinces, spelled as the catalogue and configuration spell them.</summary>
public static class Provinces
{
    /// <summary>China Telecom's 100 Mbps-down / 10 Mbps-up provinces (product-spec: 27).</summary>
    public static IReadOnlyList<string> ChinaTelecomBase { get; } =
    [
        "Xinjiang", "Gansu", "Zhejiang", "Guizhou", "Tibet", "Heilongjiang", "Chongqing", "Inner Mongolia",
        "Liaoning", "Ningxia", "Tianjin", "Jiangxi", "Yunnan", "Beijing", "Jilin", "Hainan", "Hunan", "Hubei",
        "Fujian", "Henan", "Hebei", "Shanxi", "Shanghai", "Shaanxi", "Sichuan", "Qinghai", "Shandong",
    ];

    /// <summary>China Telecom's 200 Mbps-down / 20 Mbps-up provinces: the base list without Yunnan (26).</summary>
    public static IReadOnlyList<string> ChinaTelecomHigh { get; } =
        ChinaTelecomBase.Where(p => p != "Yunnan").ToArray();

    /// <summary>Every mainland province name.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(
        ChinaTelecomBase.Concat(["Guangdong", "Guangxi", "Jiangsu", "Anhui"]), StringComparer.Ordinal);
}
