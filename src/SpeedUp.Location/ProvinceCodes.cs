using System.Collections.Frozen;

namespace SpeedUp.Location;

/// <summary>The GB/T 2260 two-digit code of each of the 31 mainland provinces (Beijing 11 … Xinjiang 65), by catalogue name.</summary>
public static class ProvinceCodes
{
    private static readonly FrozenDictionary<string, int> Codes = new Dictionary<string, int>
    {
        ["Beijing"] = 11, ["Tianjin"] = 12, ["Hebei"] = 13, ["Shanxi"] = 14, ["Inner Mongolia"] = 15,
        ["Liaoning"] = 21, ["Jilin"] = 22, ["Heilongjiang"] = 23,
        ["Shanghai"] = 31, ["Jiangsu"] = 32, ["Zhejiang"] = 33, ["Anhui"] = 34, ["Fujian"] = 35, ["Jiangxi"] = 36, ["Shandong"] = 37,
        ["Henan"] = 41, ["Hubei"] = 42, ["Hunan"] = 43, ["Guangdong"] = 44, ["Guangxi"] = 45, ["Hainan"] = 46,
        ["Chongqing"] = 50, ["Sichuan"] = 51, ["Guizhou"] = 52, ["Yunnan"] = 53, ["Tibet"] = 54,
        ["Shaanxi"] = 61, ["Gansu"] = 62, ["Qinghai"] = 63, ["Ningxia"] = 64, ["Xinjiang"] = 65,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The code of a province in the catalogue's spelling (<see cref="ProvinceNames.All"/>).</summary>
    /// <exception cref="ArgumentException">Not one of the 31.</exception>
    public static int Of(string province) =>
        Codes.TryGetValue(province, out var code) ? code : throw new ArgumentException($"'{province}' is not one of the 31 catalogue provinces.", nameof(province));
}
