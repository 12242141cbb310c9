namespace SpeedUp.Protocols.Snmp.Tests;

public class ObjectIdentifierTests
{
    [Theory]
    [InlineData("1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.1.1.0")]
    [InlineData(".1.3.6.1.4.1.3902", "1.3.6.1.4.1.3902")]
    [InlineData("1.3.4294967295", "1.3.4294967295")]
    [InlineData("2.999.1", "2.999.1")]
    public void Parse_Valid_RoundTripsToString(string text, string expected) =>
        Assert.Equal(expected, ObjectIdentifier.Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("1")]
    [InlineData("1..3")]
    [InlineData("1.3.")]
    [InlineData("1.3.-1")]
    [InlineData("1.3.4294967296")]
    [InlineData("1.3.x")]
    [InlineData("3.1")]
    [InlineData("1.40")]
    [InlineData(" 1.3")]
    public void TryParse_Invalid_ReturnsFalse(string text) =>
        Assert.False(ObjectIdentifier.TryParse(text, out _));

    [Fact]
    public void Parse_129SubIdentifiers_Throws()
    {
        var text = "1.3" + string.Concat(Enumerable.Repeat(".1", 127));
        Assert.Throws<FormatException>(() => ObjectIdentifier.Parse(text));
        Assert.Equal(128, ObjectIdentifier.Parse(text[..^2]).Components.Count);
    }

    [Fact]
    public void Constructor_TooMany_Throws() =>
        Assert.Throws<ArgumentException>(() => new ObjectIdentifier(Enumerable.Repeat(1u, 129).ToArray()));

    [Fact]
    public void CompareTo_IsLexicographic_PrefixFirst()
    {
        var sorted = new[] { "1.3.6.1.2", "1.3.6.1.2.1", "1.3.6.1.10", "1.3.6.2", "1.3.6.1.2.0" }
            .Select(ObjectIdentifier.Parse).Order().Select(o => o.ToString()).ToArray();
        Assert.Equal(["1.3.6.1.2", "1.3.6.1.2.0", "1.3.6.1.2.1", "1.3.6.1.10", "1.3.6.2"], sorted);
        Assert.True(ObjectIdentifier.Parse("1.3.6.1.9") < ObjectIdentifier.Parse("1.3.6.1.10"));
    }

    [Fact]
    public void Equality_ByComponents()
    {
        var a = ObjectIdentifier.Parse("1.3.6.1");
        var b = new ObjectIdentifier([1u, 3u, 6u, 1u]);
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, ObjectIdentifier.Parse("1.3.6.1.0"));
    }

    [Fact]
    public void AppendAndStartsWith_TableAndCell_PrefixBySubIdentifierNotByText()
    {
        var table = ObjectIdentifier.Parse("1.3.6.1.4.1.3902.6051.1.1.1");
        var cell = table.Append(5, 330100001);
        Assert.Equal("1.3.6.1.4.1.3902.6051.1.1.1.5.330100001", cell.ToString());
        Assert.True(cell.StartsWith(table));
        Assert.True(table.StartsWith(table));
        Assert.False(table.StartsWith(cell));
        Assert.False(ObjectIdentifier.Parse("1.3.6.10").StartsWith(ObjectIdentifier.Parse("1.3.6.1")));
    }

    [Fact]
    public void Components_CannotMutate()
    {
        var source = new uint[] { 1, 3, 6 };
        var oid = new ObjectIdentifier(source);
        source[2] = 99;
        Assert.Equal("1.3.6", oid.ToString());
        Assert.IsNotType<uint[]>(oid.Components);
    }
}
