using System.Globalization;
using Google.Protobuf.WellKnownTypes;

namespace SpeedUp.Signing.Tests;

public sealed class SigningInterceptorTests
{
    private static readonly AccessKeyCredentials Credentials = new("AK1", "secret-0123456789");

    [Fact]
    public void HeadersFor_Call_CarriesKeyTimestampNonceAndAVerifiableSignature()
    {
        var request = new StringValue { Value = "abc" };
        var now = DateTimeOffset.FromUnixTimeSeconds(1796287200);

        var headers = SigningInterceptor.HeadersFor(Credentials, "/pkg.Svc/M", request, now, "nonce-0123456789abcdef");

        Assert.Equal("AK1", headers.GetValue(SignatureHeaders.AccessKeyId));
        Assert.Equal("1796287200", headers.GetValue(SignatureHeaders.Timestamp));
        Assert.Equal("nonce-0123456789abcdef", headers.GetValue(SignatureHeaders.Nonce));
        var toSign = RequestSignature.StringToSign("/pkg.Svc/M", "AK1", long.Parse(headers.GetValue(SignatureHeaders.Timestamp)!, CultureInfo.InvariantCulture),
            "nonce-0123456789abcdef", RequestSignature.DigestOf(request));
        Assert.True(RequestSignature.Verify(Credentials.AccessKeySecret, toSign, headers.GetValue(SignatureHeaders.Signature)!));
    }

    [Fact]
    public void HeadersFor_NoNonceGiven_UsesAFreshOneEachCall()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1796287200);

        var first = SigningInterceptor.HeadersFor(Credentials, "/pkg.Svc/M", new StringValue(), now).GetValue(SignatureHeaders.Nonce);
        var second = SigningInterceptor.HeadersFor(Credentials, "/pkg.Svc/M", new StringValue(), now).GetValue(SignatureHeaders.Nonce);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Credentials_ToString_NeverShowsTheSecret()
    {
        Assert.DoesNotContain(Credentials.AccessKeySecret, Credentials.ToString(), StringComparison.Ordinal);
        Assert.Contains("AK1", Credentials.ToString(), StringComparison.Ordinal);
    }
}
