namespace SpeedUp.Protocols.Radius.Tests.Internal;

/// <summary>The dictionary format's corners, with files written by the test into a temp directory.</summary>
public sealed class DictionaryParserTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("radius-dict-");

    [Fact]
    public void Load_IncludeIsRelativeToTheIncludingFile()
    {
        Directory.CreateDirectory(Path.Combine(_directory.FullName, "vendors"));
        Write("vendors/dictionary.acme", "VENDOR Acme 99999\nBEGIN-VENDOR Acme\nATTRIBUTE Acme-Rate 7 integer\nEND-VENDOR Acme\n");
        Write("vendors/dictionary", "$INCLUDE dictionary.acme\n$INCLUDE- dictionary.absent\n");
        var main = Write("dictionary", "# comment line\n$INCLUDE vendors/dictionary\nATTRIBUTE User-Name 1 string # trailing comment\n");

        var dictionary = RadiusDictionary.Load(main);

        Assert.True(dictionary.TryGetAttribute("acme-rate", out var rate));
        Assert.Equal((99999u, 7u), (rate!.VendorId, rate.Code));
        Assert.Equal(3, dictionary.Files.Count);
    }

    [Fact]
    public void Load_VendorFormatAndUnknownTypes()
    {
        var path = Write("dictionary", """
            VENDOR Wide 4242 format=2,2
            BEGIN-VENDOR Wide
            ATTRIBUTE Wide-Big 1000 octets
            ATTRIBUTE Wide-Strange 2 frobnicated
            ATTRIBUTE Wide-Fixed 3 octets[16]
            END-VENDOR Wide
            ATTRIBUTE Old-Style 4 integer Wide
            VALUE Wide-Strange Unused 1
            """);

        var dictionary = RadiusDictionary.Load(path);

        Assert.Equal(new RadiusVendorFormat(2, 2, false), dictionary.FormatOf(4242));
        Assert.True(dictionary.TryGetAttribute(4242, 1000, out _));
        Assert.True(dictionary.TryGetAttribute("Wide-Strange", out var strange));
        Assert.Equal((RadiusDataType.Octets, "frobnicated"), (strange!.DataType, strange.TypeName));
        Assert.True(dictionary.TryGetAttribute("Old-Style", out var old));
        Assert.Equal(4242u, old!.VendorId);
        Assert.Equal(RadiusVendorFormat.Default, dictionary.FormatOf(1));
    }

    [Fact]
    public void Load_ValueBeforeAttributeAndHexNumbers()
    {
        var path = Write("dictionary", "VALUE Service-Type Login-User 0x01\nATTRIBUTE Service-Type 6 integer\nVALUE Service-Type Framed-User 2\n");

        var dictionary = RadiusDictionary.Load(path);

        Assert.True(dictionary.TryGetAttribute("Service-Type", out var serviceType));
        Assert.Equal(1ul, serviceType!.Values["Login-User"]);
        Assert.True(serviceType.TryGetValueName(2, out var name));
        Assert.Equal("Framed-User", name);
    }

    [Fact]
    public void Load_TlvMembersAreNestedAndNotTopLevel()
    {
        var path = Write("dictionary", "ATTRIBUTE Box 200 tlv\nBEGIN-TLV Box\nATTRIBUTE Box-Inner 1 byte\nEND-TLV Box\nATTRIBUTE Ext-1 241.1 integer\n");

        var dictionary = RadiusDictionary.Load(path);

        Assert.True(dictionary.TryGetAttribute("Box-Inner", out var inner));
        Assert.Equal(("200.1", false), (inner!.Number, inner.IsTopLevel));
        Assert.True(dictionary.TryGetAttribute(0, 200, out var box));
        Assert.Equal("Box", box!.Name);
        Assert.False(dictionary.TryGetAttribute(0, 1, out _));
        Assert.True(dictionary.TryGetAttribute("Ext-1", out var extended));
        Assert.False(extended!.IsTopLevel);
    }

    [Theory]
    [InlineData("ATTRIBUTE Too-Short 1\n", ":1: ATTRIBUTE needs 3 fields")]
    [InlineData("ATTRIBUTE Bad-Number x1 integer\n", ":1: ATTRIBUTE Bad-Number has an invalid number x1")]
    [InlineData("ATTRIBUTE Zero 0 integer\n", ":1: ATTRIBUTE Zero: attribute number 0 is reserved")]
    [InlineData("\nBEGIN-VENDOR Nobody\n", ":2: BEGIN-VENDOR of unknown vendor Nobody")]
    [InlineData("VENDOR V 5\nBEGIN-VENDOR V\n", "BEGIN-VENDOR V has no END-VENDOR")]
    [InlineData("VENDOR V 5 format=3,1\n", ":1: unsupported vendor format format=3,1")]
    [InlineData("VENDOR V 5\nBEGIN-VENDOR V\nATTRIBUTE V-A 256 integer\nEND-VENDOR V\n", ":3: ATTRIBUTE V-A: 256 does not fit vendor V's type field")]
    [InlineData("PROTOCOL RADIUS 1\n", ":1: unknown keyword PROTOCOL")]
    [InlineData("$INCLUDE missing.file\n", "cannot read")]
    [InlineData("VALUE Foo Bar -1\n", ":1: VALUE Bar of Foo has an invalid number -1")]
    public void Load_MalformedLine_FailsNamingFileAndLine(string content, string expected)
    {
        var path = Write("dictionary", content);

        var error = Assert.Throws<RadiusDictionaryException>(() => RadiusDictionary.Load(path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_IncludeCycle_LoadsEachFileOnce()
    {
        Write("a", "$INCLUDE b\nATTRIBUTE A 1 integer\n");
        Write("b", "$INCLUDE a\nATTRIBUTE B 2 integer\n");

        var dictionary = RadiusDictionary.Load(Path.Combine(_directory.FullName, "a"));

        Assert.Equal(2, dictionary.Attributes.Count);
    }

    [Fact]
    public void Load_MissingFile_Throws() =>
        Assert.Throws<RadiusDictionaryException>(() => RadiusDictionary.Load(Path.Combine(_directory.FullName, "none")));

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
