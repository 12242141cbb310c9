using System.Diagnostics;
using SpeedUp.Protocols.Radius.Tests.Support;

namespace SpeedUp.Protocols.Radius.Tests;

/// <summary>The real dictionaries Debian installs (freeradius-common 3.2), loaded as they are.</summary>
public class RadiusDictionaryTests
{
    [Fact]
    public void Load_Huawei_InputAverageRateIsVendor2011Attribute2Integer()
    {
        FreeRadius.RequireDictionaries();
        var dictionary = RadiusDictionary.Load(FreeRadius.Dictionary("dictionary.huawei"));

        Assert.True(dictionary.TryGetAttribute("Huawei-Input-Average-Rate", out var input));
        Assert.Equal((2011u, 2u, RadiusDataType.Integer, false), (input!.VendorId, input.Code, input.DataType, !input.IsTopLevel));
        Assert.True(dictionary.TryGetAttribute(2011, 5, out var output));
        Assert.Equal("Huawei-Output-Average-Rate", output!.Name);
        Assert.True(dictionary.TryGetVendor("Huawei", out var vendor));
        Assert.Equal((2011u, RadiusVendorFormat.Default), (vendor!.Id, vendor.Format));
    }

    [Fact]
    public void Load_Zte_RateCtrlScrUpAndDown()
    {
        var dictionary = FreeRadius.LoadVendorDictionaries();

        Assert.True(dictionary.TryGetAttribute("ZTE-Rate-Ctrl-SCR-Up", out var up));
        Assert.True(dictionary.TryGetAttribute("ZTE-Rate-Ctrl-SCR-Down", out var down));
        Assert.Equal((3902u, 89u, RadiusDataType.Integer), (up!.VendorId, up.Code, up.DataType));
        Assert.Equal((3902u, 83u, RadiusDataType.Integer), (down!.VendorId, down.Code, down.DataType));
    }

    [Fact]
    public void Load_H3c_RateAttributes()
    {
        var dictionary = FreeRadius.LoadVendorDictionaries();

        var rates = new[] { "H3C-Input-Peak-Rate", "H3C-Input-Average-Rate", "H3C-Output-Peak-Rate", "H3C-Output-Average-Rate" }
            .Select(name => dictionary.TryGetAttribute(name, out var d) ? (d!.VendorId, d.Code, d.DataType) : default);

        Assert.Equal([(25506u, 1u, RadiusDataType.Integer), (25506u, 2u, RadiusDataType.Integer), (25506u, 4u, RadiusDataType.Integer), (25506u, 5u, RadiusDataType.Integer)], rates);
    }

    [Fact]
    public void Load_Rfc3576And5176_ErrorCauseValuesMatchTheEnum()
    {
        var dictionary = FreeRadius.LoadVendorDictionaries();

        Assert.True(dictionary.TryGetAttribute("Error-Cause", out var errorCause));
        Assert.Equal((0u, 101u, RadiusDataType.Integer), (errorCause!.VendorId, errorCause.Code, errorCause.DataType));
        Assert.Equal((ulong)RadiusErrorCause.SessionContextNotFound, errorCause.Values["Session-Context-Not-Found"]);
        Assert.Equal((ulong)RadiusErrorCause.ResidualSessionContextRemoved, errorCause.Values["Residual-Context-Removed"]);
        // From dictionary.rfc5176, which only adds VALUE lines to rfc3576's attribute.
        Assert.Equal((ulong)RadiusErrorCause.InvalidAttributeValue, errorCause.Values["Invalid-Attribute-Value"]);
        Assert.Equal((ulong)RadiusErrorCause.MultipleSessionSelectionUnsupported, errorCause.Values["Multiple-Session-Selection-Unsupported"]);
        Assert.Empty(dictionary.UnresolvedValues);
    }

    [Fact]
    public void Load_Rfc5176Alone_KeepsItsValuesAsUnresolved()
    {
        FreeRadius.RequireDictionaries();
        var dictionary = RadiusDictionary.Load(FreeRadius.Dictionary("dictionary.rfc5176"));

        Assert.False(dictionary.TryGetAttribute("Error-Cause", out _));
        Assert.Equal(2, dictionary.UnresolvedValues.Count);
        Assert.All(dictionary.UnresolvedValues, line => Assert.Contains("dictionary.rfc5176:", line, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_Rfc2865_StandardAttributesAndValues()
    {
        FreeRadius.RequireDictionaries();
        var dictionary = RadiusDictionary.Load(FreeRadius.Dictionary("dictionary.rfc2865"));

        Assert.True(dictionary.TryGetAttribute(0, 1, out var userName));
        Assert.Equal(("User-Name", RadiusDataType.String), (userName!.Name, userName.DataType));
        Assert.True(dictionary.TryGetAttribute("Framed-IP-Address", out var framed));
        Assert.Equal((8u, RadiusDataType.IpAddr), (framed!.Code, framed.DataType));
        Assert.True(dictionary.TryGetAttribute("Service-Type", out var serviceType));
        Assert.Equal(2ul, serviceType!.Values["Framed-User"]);
        Assert.True(dictionary.TryGetAttribute("User-Password", out var password));
        Assert.Contains("encrypt=1", password!.Flags);
    }

    [Fact]
    public void Load_MainDictionary_LoadsEveryIncludedFileQuickly()
    {
        FreeRadius.RequireDictionaries();
        var watch = Stopwatch.StartNew();
        var dictionary = RadiusDictionary.Load(FreeRadius.Dictionary("dictionary"));
        watch.Stop();

        Assert.True(dictionary.Files.Count > 200, dictionary.Files.Count + " files");
        Assert.True(dictionary.Attributes.Count > 5000, dictionary.Attributes.Count + " attributes");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "took " + watch.Elapsed);
        Assert.True(dictionary.TryGetAttribute("Huawei-Input-Average-Rate", out _));
        // Formats other than 1,1 (dictionary.wimax: format=1,1,c; dictionary.usr: format=4,0; dictionary.lucent: 2,1).
        Assert.Equal(new RadiusVendorFormat(1, 1, true), dictionary.FormatOf(24757));
        Assert.Equal(new RadiusVendorFormat(4, 0, false), dictionary.FormatOf(429));
        Assert.Equal(new RadiusVendorFormat(2, 1, false), dictionary.FormatOf(4846));
        // Types beyond the basic ones, and nested attributes (TLV members, RFC 6929 extended).
        Assert.True(dictionary.TryGetAttribute("Ascend-Data-Filter", out var filter));
        Assert.Equal(RadiusDataType.ABinary, filter!.DataType);
        Assert.True(dictionary.TryGetAttribute("WiMAX-Release", out var member));
        Assert.False(member!.IsTopLevel);
        Assert.True(dictionary.TryGetAttribute("Fall-Through", out var internalOnly));
        Assert.False(internalOnly!.IsTopLevel);
        Assert.Contains(dictionary.Attributes, a => a.DataType == RadiusDataType.Ipv6Prefix);
        Assert.Contains(dictionary.Attributes, a => a.DataType == RadiusDataType.Integer64);
        Assert.Contains(dictionary.Attributes, a => a.DataType == RadiusDataType.Ether);
    }

    [Fact]
    public void CreateAndDescribe_HuaweiRateAndErrorCause_RoundTripThroughTheCodec()
    {
        var dictionary = FreeRadius.LoadVendorDictionaries();
        var packet = new RadiusPacket(RadiusCode.CoaNak, 1, new byte[16],
        [
            dictionary.Create("Huawei-Output-Average-Rate", "200000000"),
            dictionary.Create("Error-Cause", "Session-Context-Not-Found"),
            dictionary.Create("Framed-IP-Address", "10.0.0.9"),
            dictionary.Create("ZTE-Rate-Ctrl-SCR-Up", "51200"),
        ]);

        RadiusPacketCodec.TryDecode(RadiusPacketCodec.Encode(packet, dictionary), dictionary, out var decoded, out _);
        var described = decoded!.Attributes.Select(a => dictionary.TryDescribe(a, out var n, out var v) ? n + "=" + v : "?").ToList();

        Assert.Equal(["Huawei-Output-Average-Rate=200000000", "Error-Cause=Session-Context-Not-Found", "Framed-IP-Address=10.0.0.9", "ZTE-Rate-Ctrl-SCR-Up=51200"], described);
        Assert.Equal(RadiusErrorCause.SessionContextNotFound, decoded.ErrorCause);
    }

    [Fact]
    public void Create_ValueTheTypeRefuses_Throws()
    {
        var dictionary = FreeRadius.LoadVendorDictionaries();

        Assert.Throws<ArgumentException>(() => dictionary.Create("Huawei-Input-Average-Rate", "fast"));
        Assert.Throws<ArgumentException>(() => dictionary.Create("Huawei-Input-Average-Rate", "4294967296"));
        Assert.Throws<ArgumentException>(() => dictionary.Create("Framed-IP-Address", "2001:db8::1"));
        Assert.Throws<ArgumentException>(() => dictionary.Create("No-Such-Attribute", "1"));
    }
}
