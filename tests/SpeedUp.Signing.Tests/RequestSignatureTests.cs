using Google.Protobuf.WellKnownTypes;

namespace SpeedUp.Signing.Tests;

/// <summary>The canonical signature (README "Security"); expected values computed independently with Python's hashlib/hmac.</summary>
public sealed class RequestSignatureTests
{
    private const string Digest = "8ab7a6c5e74737878ac73863cb76739d15d4666de44e5756bf55a2f9e9ab5f44";
    private const string Secret = "secret-0123456789";
    private const string Expected = "3edfde8e6bfb8d6a252d6c4b6729559d0ce7856c9af826d1552e842b2f75fb05";
    private static readonly string ToSign = RequestSignature.StringToSign("/pkg.Svc/M", "AK1", 1796287200, "nonce-0123456789abcdef", Digest);

    [Fact]
    public void DigestOf_Message_IsLowerHexSha256OfItsProtobufEncoding()
    {
        Assert.Equal(Digest, RequestSignature.DigestOf(new StringValue { Value = "abc" })); // encoded 0a 03 61 62 63
    }

    [Fact]
    public void StringToSign_SixLines_JoinedByNewlineWithoutATrailingOne()
    {
        Assert.Equal($"SPEEDUP1-HMAC-SHA256\n/pkg.Svc/M\nAK1\n1796287200\nnonce-0123456789abcdef\n{Digest}", ToSign);
    }

    [Fact]
    public void Compute_KnownVector_IsTheDocumentedHmac()
    {
        Assert.Equal(Expected, RequestSignature.Compute(Secret, ToSign));
    }

    [Theory]
    [InlineData(Expected, true)]
    [InlineData("3edfde8e6bfb8d6a252d6c4b6729559d0ce7856c9af826d1552e842b2f75fb06", false)] // last digit changed
    [InlineData("3edfde8e6bfb8d6a252d6c4b6729559d0ce7856c9af826d1552e842b2f75fb", false)] // too short
    [InlineData("3edfde8e6bfb8d6a252d6c4b6729559d0ce7856c9af826d1552e842b2f75fb0500", false)] // too long
    [InlineData("zzdfde8e6bfb8d6a252d6c4b6729559d0ce7856c9af826d1552e842b2f75fb05", false)] // not hex
    [InlineData("", false)]
    public void Verify_PresentedSignature_AcceptsOnlyTheRightOne(string presented, bool valid)
    {
        Assert.Equal(valid, RequestSignature.Verify(Secret, ToSign, presented));
    }

    [Fact]
    public void Verify_AnotherSecret_Refuses()
    {
        Assert.False(RequestSignature.Verify(Secret + "x", ToSign, Expected));
    }

    [Fact]
    public void NewNonce_Is22Base64UrlCharactersAndFresh()
    {
        var nonces = Enumerable.Range(0, 100).Select(_ => RequestSignature.NewNonce()).ToArray();

        Assert.All(nonces, n => Assert.Matches("^[A-Za-z0-9_-]{22}$", n));
        Assert.Equal(nonces.Length, nonces.Distinct(StringComparer.Ordinal).Count());
    }
}
