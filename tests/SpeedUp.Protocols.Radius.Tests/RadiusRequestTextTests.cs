using SpeedUp.Protocols.Radius.Tests.Support;

namespace SpeedUp.Protocols.Radius.Tests;

public sealed class RadiusRequestTextTests
{
    [Fact]
    public void Format_CoaWithHuaweiRate_NamesAttributesQuotesStringsAndLeavesOutMessageAuthenticator()
    {
        var dictionary = FreeRadius.LoadVendorDictionaries();
        RadiusAttribute[] attributes =
        [
            dictionary.Create("User-Name", "zj0571a0001"),
            dictionary.Create("Huawei-Output-Average-Rate", "200000000"),
            RadiusAttribute.Create(RadiusAttributeTypes.MessageAuthenticator, new byte[16]),
        ];

        var text = RadiusRequestText.Format(RadiusCode.CoaRequest, attributes, dictionary);

        Assert.Equal("COA User-Name=\"zj0571a0001\" Huawei-Output-Average-Rate=200000000", text);
    }

    [Fact]
    public void Format_UnknownAttributeAndQuote_HexAndEscaped()
    {
        var dictionary = FreeRadius.LoadVendorDictionaries();
        RadiusAttribute[] attributes = [dictionary.Create("User-Name", "a\"b"), RadiusAttribute.Vendor(99999, 7, [1, 2])];

        var text = RadiusRequestText.Format(RadiusCode.DisconnectRequest, attributes, dictionary);

        Assert.Equal("DISCONNECT User-Name=\"a\\\"b\" Attr-26.99999.7=0x0102", text);
    }
}
