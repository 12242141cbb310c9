namespace SpeedUp.Drivers.Coa.Tests;

public sealed class CoaVendorTests
{
    [Fact]
    public void Compile_Huawei_BitPerSecondAttributesBoundedByTheir32Bits()
    {
        var vendor = CoaVendor.Compile(HuaweiCoaDriverFactory.Definition, CoaDriverFactory.DefaultDictionaryDirectory);

        Assert.Equal("huawei-coa", vendor.Driver);
        Assert.Equal(CoaSession.UserName, vendor.Session);
        Assert.True(vendor.TryGetRate(Direction.Down, out var down));
        Assert.Equal(("Huawei-Output-Average-Rate", 1000L, 4_294_967L), (down.Definition.Name, down.UnitsPerKbps, down.MaxKbps));
    }

    [Fact]
    public void Compile_Zte_KbpsAttributes()
    {
        var vendor = CoaVendor.Compile(ZteCoaDriverFactory.Definition, CoaDriverFactory.DefaultDictionaryDirectory);

        Assert.True(vendor.TryGetRate(Direction.Up, out var up));
        Assert.Equal(("ZTE-Rate-Ctrl-SCR-Up", 1L, 10_000_000L), (up.Definition.Name, up.UnitsPerKbps, up.MaxKbps));
    }

    [Fact]
    public void Compile_UnknownAttributeUnitAndSession_EveryProblemNamed()
    {
        var definition = new CoaVendorDefinition
        {
            Name = "bad", Driver = "bad-coa", Session = "Calling-Station-Id",
            Rates = new CoaRateDefinitions
            {
                Up = new CoaRateDefinition { Attribute = "Huawei-Nope-Rate", Unit = "bit/s" },
                Down = new CoaRateDefinition { Attribute = "Huawei-Output-Average-Rate", Unit = "Mbit/s" },
            },
        };
        definition.Dictionaries.Add("dictionary.rfc2865");
        definition.Dictionaries.Add("dictionary.huawei");

        var e = Assert.Throws<InvalidOperationException>(() => CoaVendor.Compile(definition, CoaDriverFactory.DefaultDictionaryDirectory));

        Assert.Contains("session must be", e.Message, StringComparison.Ordinal);
        Assert.Contains("Huawei-Nope-Rate is in none", e.Message, StringComparison.Ordinal);
        Assert.Contains("unit must be bit/s or kbit/s", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_StringAttributeAsRate_Refused()
    {
        var definition = new CoaVendorDefinition { Name = "bad", Driver = "bad-coa", Rates = new CoaRateDefinitions { Up = new CoaRateDefinition { Attribute = "Filter-Id" } } };
        definition.Dictionaries.Add("dictionary.rfc2865");

        var e = Assert.Throws<InvalidOperationException>(() => CoaVendor.Compile(definition, CoaDriverFactory.DefaultDictionaryDirectory));

        Assert.Contains("not an integer", e.Message, StringComparison.Ordinal);
    }
}
