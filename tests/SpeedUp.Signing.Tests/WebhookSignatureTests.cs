using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Xunit;

namespace SpeedUp.Signing.Tests;

public sealed class WebhookSignatureTests
{
    private const string Secret = "q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_796_371_200);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"specversion":"1.0","id":"e1"}""");

    [Fact]
    public void Sign_IsTheDocumentedHmac()
    {
        var header = WebhookSignature.Sign(Secret, Body, Now);

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret),
            (byte[])[.. Encoding.ASCII.GetBytes("1796371200."), .. Body]));
        Assert.Equal("t=1796371200,v1=" + expected, header);
    }

    [Fact]
    public void Verify_OwnSignature_IsValid_WithinTheTolerance()
    {
        var header = WebhookSignature.Sign(Secret, Body, Now);
        Assert.Equal(WebhookSignatureCheck.Valid, WebhookSignature.Verify(Secret, header, Body, Now));
        Assert.Equal(WebhookSignatureCheck.Valid, WebhookSignature.Verify(Secret, header, Body, Now.AddMinutes(5)));
        Assert.Equal(WebhookSignatureCheck.Valid, WebhookSignature.Verify(Secret, header, Body, Now.AddMinutes(-5)));
    }

    [Fact]
    public void Verify_OldOrFutureTimestamp_IsStale()
    {
        var header = WebhookSignature.Sign(Secret, Body, Now);
        Assert.Equal(WebhookSignatureCheck.Stale, WebhookSignature.Verify(Secret, header, Body, Now.AddMinutes(5).AddSeconds(1)));
        Assert.Equal(WebhookSignatureCheck.Stale, WebhookSignature.Verify(Secret, header, Body, Now.AddMinutes(-6)));
        Assert.Equal(WebhookSignatureCheck.Valid, WebhookSignature.Verify(Secret, header, Body, Now.AddMinutes(20), TimeSpan.FromMinutes(30)));
    }

    [Fact]
    public void Verify_TamperedBodyWrongSecretOrShiftedTimestamp_IsForged()
    {
        var header = WebhookSignature.Sign(Secret, Body, Now);
        var tampered = (byte[])Body.Clone();
        tampered[^2] ^= 1;
        Assert.Equal(WebhookSignatureCheck.Forged, WebhookSignature.Verify(Secret, header, tampered, Now));
        Assert.Equal(WebhookSignatureCheck.Forged, WebhookSignature.Verify(Secret + "x", header, Body, Now));

        // Moving the timestamp to look fresh breaks the signature: a stale request cannot be made valid.
        var old = WebhookSignature.Sign(Secret, Body, Now.AddHours(-1));
        var refreshed = "t=" + Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + old[old.IndexOf(',', StringComparison.Ordinal)..];
        Assert.Equal(WebhookSignatureCheck.Forged, WebhookSignature.Verify(Secret, refreshed, Body, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("t=1796371200")]
    [InlineData("v1=00")]
    [InlineData("t=abc,v1=00")]
    [InlineData("t=1796371200,v1=zz")]
    [InlineData("t=-5,v1=00")]
    public void Verify_MissingOrMalformedHeader_IsForged(string? header) =>
        Assert.Equal(WebhookSignatureCheck.Forged, WebhookSignature.Verify(Secret, header, Body, Now));

    [Fact]
    public void Verify_AnyOfSeveralV1Values_Matches()
    {
        var header = WebhookSignature.Sign(Secret, Body, Now);
        var withOther = header.Replace("v1=", "v1=" + new string('0', 64) + ",v1=", StringComparison.Ordinal);
        Assert.Equal(WebhookSignatureCheck.Valid, WebhookSignature.Verify(Secret, withOther, Body, Now));
    }
}
