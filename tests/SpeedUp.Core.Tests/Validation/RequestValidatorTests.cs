using SpeedUp.Core.Catalogue;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Orders;
using SpeedUp.Core.Validation;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Tests;

public sealed class RequestValidatorTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("256.1.1.1")]
    [InlineData("1.2.3")]
    [InlineData("01.2.3.4")]
    [InlineData(" 1.2.3.4")]
    [InlineData("1.2.3.4\nreboot")]
    [InlineData("::1")]
    [InlineData("1.2.3.4.5")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("１.2.3.4")]
    public void IpAddress_BadAddress_IsInvalidParameters(string? value)
    {
        var e = Assert.Throws<SpeedUpException>(() => RequestValidator.IpAddress(value));
        Assert.Equal(ProductErrorCode.InvalidParameters, e.Code);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void IpAddress_GoodAddress_Parses() => Assert.Equal("202.101.172.35", RequestValidator.IpAddress("202.101.172.35").ToString());

    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    public void Port_OutOfRange_IsRejected(int port) =>
        Assert.Equal(ProductErrorCode.InvalidParameters, Assert.Throws<SpeedUpException>(() => RequestValidator.Port(port)).Code);

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-1)]
    public void Direction_Unknown_IsRejected(int direction) =>
        Assert.Equal(ProductErrorCode.InvalidParameters, Assert.Throws<SpeedUpException>(() => RequestValidator.Direction(direction)).Code);

    [Theory]
    [InlineData(Direction.Up, 0)]
    [InlineData(Direction.Up, 51)]
    [InlineData(Direction.Down, 501)]
    [InlineData(Direction.Down, -100)]
    public void TargetBandwidth_OutsideTheProductRange_IsRejected(Direction direction, int mbps) =>
        Assert.Throws<SpeedUpException>(() => RequestValidator.TargetBandwidth(direction, mbps));

    [Theory]
    [InlineData("game\r\nquit")]
    [InlineData("x\u0000")]
    public void Scene_WithControlCharacters_IsRejected(string scene) =>
        Assert.Throws<SpeedUpException>(() => RequestValidator.Scene(scene));

    // Found by the injection fuzz: only char.IsControl was refused, so invisible and line-breaking characters passed as "printable".
    [Theory]
    [InlineData("game\u202e")]           // right-to-left override
    [InlineData("ga\u200bme")]           // zero-width space
    [InlineData("\ufeffgame")]           // BOM
    [InlineData("game\u00ad")]           // soft hyphen
    [InlineData("game\u2028system-view")] // line separator
    [InlineData("game\u2029")]           // paragraph separator
    [InlineData("game\ue000")]           // private use
    [InlineData("game\u0378")]           // unassigned
    [InlineData("game\u0085")]           // NEL (C1 control)
    public void Scene_WithInvisibleOrLineBreakingCharacters_IsRejected(string scene)
    {
        var e = Assert.Throws<SpeedUpException>(() => RequestValidator.Scene(scene));
        Assert.Equal((ProductErrorCode.InvalidParameters, FailureKind.InvalidArgument), (e.Code, e.Kind));
    }

    [Fact]
    public void Scene_WithAnUnpairedSurrogate_IsRejected() => // not as InlineData: the test case's serialization would replace it
        Assert.Throws<SpeedUpException>(() => RequestValidator.Scene("game" + (char)0xD800));

    [Theory]
    [InlineData("game; reset saved-configuration | `reboot` && $(reboot) ?")]
    [InlineData("网课 加速 🚀 １２３ ＡＢＣ é")]
    [InlineData("e\u0301 \ufffd")]
    public void Scene_PrintableFreeText_IsValid(string scene) => Assert.Equal(scene, RequestValidator.Scene(scene));

    [Fact]
    public void Scene_65Characters_IsRejected()
    {
        Assert.Equal(new string('x', 64), RequestValidator.Scene(new string('x', 64)));
        Assert.Throws<SpeedUpException>(() => RequestValidator.Scene(new string('x', 65)));
    }

    // Found by the injection fuzz: any positive offer_id passed validation and reached the pre-check lookup.
    [Theory]
    [InlineData(0)]
    [InlineData(-202001)]
    [InlineData(1)]
    [InlineData(909999)]                      // direction 9
    [InlineData(202003)]                      // product 3
    [InlineData(200001)]                      // 0 Mbps
    [InlineData(205011)]                      // 501 Mbps down
    [InlineData(2020010)]
    [InlineData(429496729802001)]             // (2^32 + 2) × 100000 + 2001: narrowed to int it would read as DOWN
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void OfferId_Malformed_IsRejected(long offerId)
    {
        var e = Assert.Throws<SpeedUpException>(() => RequestValidator.OfferId(offerId));
        Assert.Equal((ProductErrorCode.InvalidParameters, FailureKind.InvalidArgument), (e.Code, e.Kind));
    }

    [Theory]
    [InlineData(202001, Direction.Down, 200, ProductType.HourPack)]
    [InlineData(100202, Direction.Up, 20, ProductType.ThirtyDayPack)]
    [InlineData(100501, Direction.Up, 50, ProductType.HourPack)] // in the product's range; whether it is a tier is the catalogue's to say
    public void OfferId_Valid_Decodes(long offerId, Direction direction, int mbps, ProductType product) =>
        Assert.Equal(new Offer(direction, mbps, product), RequestValidator.OfferId(offerId));

    // Found by the injection fuzz: the pattern ended in $, which also matches before a final newline.
    [Theory]
    [InlineData("order-1\n")]
    [InlineData("order-1\r\n")]
    [InlineData("order 1")]
    [InlineData("order-1;reboot")]
    [InlineData("ｏｒｄｅｒ")]
    public void Validate_MalformedClientRequestId_IsRejected(string id)
    {
        var e = Assert.Throws<SpeedUpException>(() => ClientRequestIds.Validate(id));
        Assert.Equal((ProductErrorCode.InvalidParameters, FailureKind.InvalidArgument), (e.Code, e.Kind));
    }

    [Fact]
    public void Validate_ClientRequestId_Is1To64CharactersOfTheAlphabet()
    {
        Assert.Null(ClientRequestIds.Validate(""));
        Assert.Equal("a.b:c-D_9", ClientRequestIds.Validate("a.b:c-D_9"));
        Assert.Equal(new string('z', 64), ClientRequestIds.Validate(new string('z', 64)));
        Assert.Throws<SpeedUpException>(() => ClientRequestIds.Validate(new string('z', 65)));
    }

    [Fact]
    public void Duration_AboveTheMaximum_IsRejected()
    {
        Assert.Throws<SpeedUpException>(() => RequestValidator.Duration(241, TimeSpan.FromHours(4)));
        Assert.Throws<SpeedUpException>(() => RequestValidator.Duration(-5, TimeSpan.FromHours(4)));
        Assert.Null(RequestValidator.Duration(0, TimeSpan.FromHours(4)));
        Assert.Equal(TimeSpan.FromMinutes(30), RequestValidator.Duration(30, TimeSpan.FromHours(4)));
    }
}
