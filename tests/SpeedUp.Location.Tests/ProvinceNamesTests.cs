using SpeedUp.Location;

namespace SpeedUp.Location.Tests;

public sealed class ProvinceNamesTests
{
    [Theory]
    [InlineData("浙江省", "Zhejiang")]
    [InlineData("北京", "Beijing")]
    [InlineData("北京市", "Beijing")]
    [InlineData("内蒙古", "Inner Mongolia")]
    [InlineData("内蒙古自治区", "Inner Mongolia")]
    [InlineData("西藏自治区", "Tibet")]
    [InlineData("广西壮族自治区", "Guangxi")]
    [InlineData("宁夏回族自治区", "Ningxia")]
    [InlineData("新疆维吾尔自治区", "Xinjiang")]
    [InlineData("山西省", "Shanxi")]
    [InlineData("陕西省", "Shaanxi")]
    [InlineData("黑龙江省", "Heilongjiang")]
    [InlineData("重庆", "Chongqing")]
    public void FromChinese_NameWithOrWithoutSuffix_MapsToEnglish(string chinese, string english) =>
        Assert.Equal(english, ProvinceNames.FromChinese(chinese));

    [Theory]
    [InlineData("香港")]
    [InlineData("澳门")]
    [InlineData("台湾省")]
    [InlineData("")]
    [InlineData("0")]
    [InlineData(null)]
    [InlineData("加利福尼亚")]
    public void FromChinese_NotAMainlandProvince_IsNull(string? chinese) => Assert.Null(ProvinceNames.FromChinese(chinese));

    [Fact]
    public void All_MainlandProvinces_ListsAll31()
    {
        string[] expected =
        [
            "Xinjiang", "Gansu", "Zhejiang", "Guizhou", "Tibet", "Heilongjiang", "Chongqing", "Inner Mongolia",
            "Liaoning", "Ningxia", "Tianjin", "Jiangxi", "Yunnan", "Beijing", "Jilin", "Hainan", "Hunan", "Hubei",
            "Fujian", "Henan", "Hebei", "Shanxi", "Shanghai", "Shaanxi", "Sichuan", "Qinghai", "Shandong",
            "Guangdong", "Guangxi", "Jiangsu", "Anhui",
        ];

        Assert.Equal(expected.Order(StringComparer.Ordinal), ProvinceNames.All.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("zhejiang", "Zhejiang")]
    [InlineData(" INNER MONGOLIA ", "Inner Mongolia")]
    [InlineData("Zhejaing", null)]
    [InlineData("Hong Kong", null)]
    [InlineData("", null)]
    public void NormalizeEnglish_EnglishName_IsNormalizedOrNull(string english, string? expected) =>
        Assert.Equal(expected, ProvinceNames.NormalizeEnglish(english));
}
