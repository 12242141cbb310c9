using SpeedUp.Location;

namespace SpeedUp.Location.Tests;

public sealed class ProvinceCodesTests
{
    [Fact]
    public void Of_EveryCatalogueProvince_HasADistinctGbCode()
    {
        var codes = ProvinceNames.All.Select(ProvinceCodes.Of).ToArray();

        Assert.Equal(31, codes.Distinct().Count());
        Assert.All(codes, code => Assert.InRange(code, 11, 65));
        Assert.Equal((43, 33, 15), (ProvinceCodes.Of("Hunan"), ProvinceCodes.Of("Zhejiang"), ProvinceCodes.Of("Inner Mongolia")));
    }

    [Fact]
    public void Of_UnknownProvince_Throws()
    {
        Assert.Throws<ArgumentException>(() => ProvinceCodes.Of("Atlantis"));
    }
}
