using System.Collections.Frozen;

namespace SpeedUp.Location;

/// <summary>
/// Maps the Chinese names of the 31 mainland provincial divisions (as ip2region writes them) to the
/// English names the product catalogue uses. Hong Kong, Macau and Taiwan are not mapped.
/// </summary>
public static class ProvinceNames
{
    // Longest first, so that 广西壮族自治区 loses 壮族自治区 rather than just 自治区.
    private static readonly string[] Suffixes = ["维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"];

    private static readonly FrozenDictionary<string, string> ChineseToEnglish = new Dictionary<string, string>
    {
        ["北京"] = "Beijing",
        ["天津"] = "Tianjin",
        ["河北"] = "Hebei",
        ["山西"] = "Shanxi",
        ["内蒙古"] = "Inner Mongolia",
        ["辽宁"] = "Liaoning",
        ["吉林"] = "Jilin",
        ["黑龙江"] = "Heilongjiang",
        ["上海"] = "Shanghai",
        ["江苏"] = "Jiangsu",
        ["浙江"] = "Zhejiang",
        ["安徽"] = "Anhui",
        ["福建"] = "Fujian",
        ["江西"] = "Jiangxi",
        ["山东"] = "Shandong",
        ["河南"] = "Henan",
        ["湖北"] = "Hubei",
        ["湖南"] = "Hunan",
        ["广东"] = "Guangdong",
        ["广西"] = "Guangxi",
        ["海南"] = "Hainan",
        ["重庆"] = "Chongqing",
        ["四川"] = "Sichuan",
        ["贵州"] = "Guizhou",
        ["云南"] = "Yunnan",
        ["西藏"] = "Tibet",
        ["陕西"] = "Shaanxi",
        ["甘肃"] = "Gansu",
        ["青海"] = "Qinghai",
        ["宁夏"] = "Ningxia",
        ["新疆"] = "Xinjiang",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> EnglishCanonical =
        ChineseToEnglish.Values.ToFrozenDictionary(name => name, name => name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The 31 English province names, as the product catalogue spells them.</summary>
    public static IReadOnlyCollection<string> All => EnglishCanonical.Keys;

    /// <summary>
    /// English name of a mainland province given in Chinese, with or without its suffix
    /// (省, 市, 自治区, 壮族自治区, 回族自治区, 维吾尔自治区); null for anything else (Hong Kong, Macau,
    /// Taiwan, unknown or empty).
    /// </summary>
    public static string? FromChinese(string? chinese)
    {
        if (string.IsNullOrWhiteSpace(chinese))
        {
            return null;
        }

        var name = chinese.Trim();
        foreach (var suffix in Suffixes)
        {
            if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal))
            {
                name = name[..^suffix.Length];
                break;
            }
        }

        return ChineseToEnglish.GetValueOrDefault(name);
    }

    /// <summary>
    /// The catalogue spelling of an English province name, matched case-insensitively
    /// (e.g. <c>inner mongolia</c> → <c>Inner Mongolia</c>); null when it is not one of the 31.
    /// </summary>
    public static string? NormalizeEnglish(string? english) =>
        string.IsNullOrWhiteSpace(english) ? null : EnglishCanonical.GetValueOrDefault(english.Trim());
}
