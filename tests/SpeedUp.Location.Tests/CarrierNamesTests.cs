using SpeedUp.Drivers;
using SpeedUp.Location;

namespace SpeedUp.Location.Tests;

public sealed class CarrierNamesTests
{
    [Theory]
    [InlineData("电信", Carrier.ChinaTelecom)]
    [InlineData("中国电信", Carrier.ChinaTelecom)]
    [InlineData("联通", Carrier.ChinaUnicom)]
    [InlineData("中国联通", Carrier.ChinaUnicom)]
    [InlineData("网通", Carrier.ChinaUnicom)]
    [InlineData("移动", null)]
    [InlineData("铁通", null)]
    [InlineData("中华电信", null)]
    [InlineData("西班牙电信", null)]
    [InlineData("内网IP", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void FromIsp_IspName_MapsOnlyExactCarrierNames(string? isp, Carrier? expected) => Assert.Equal(expected, CarrierNames.FromIsp(isp));

    [Theory]
    [InlineData(Carrier.ChinaTelecom)]
    [InlineData(Carrier.ChinaUnicom)]
    public void ToIsp_Carrier_RoundTripsThroughFromIsp(Carrier carrier) =>
        Assert.Equal(carrier, CarrierNames.FromIsp(CarrierNames.ToIsp(carrier)));
}
