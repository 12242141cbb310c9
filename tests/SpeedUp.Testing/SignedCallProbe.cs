using Broadband.SpeedUp.V1;
using Google.Protobuf;
using Grpc.Core;
using SpeedUp.Signing;
using Xunit;

namespace SpeedUp.Testing;

/// <summary>Hand-made signature headers on one unsigned QueryStatus call: what the signed-call tests tamper with.</summary>
public static class SignedCallProbe
{
    /// <summary>The method the headers sign.</summary>
    public const string QueryStatusPath = "/broadband.speedup.v1.SpeedUpService/QueryStatus";

    /// <summary>The request the headers sign.</summary>
    public static QueryStatusRequest Query { get; } = new() { BandId = 330100001 };

    /// <summary>The signature headers of a call by <paramref name="key"/> at <paramref name="at"/>.</summary>
    public static Metadata Headers(AccessKeyCredentials key, DateTimeOffset at, string path = QueryStatusPath, IMessage? request = null, string? nonce = null) =>
        SigningInterceptor.HeadersFor(key, path, request ?? Query, at, nonce);

    /// <summary>A copy of <paramref name="headers"/> with <paramref name="name"/> set to <paramref name="value"/>.</summary>
    public static Metadata With(Metadata headers, string name, string value)
    {
        var copy = new Metadata();
        foreach (var entry in headers.Where(e => e.Key != name))
        {
            copy.Add(entry);
        }

        copy.Add(name, value);
        return copy;
    }

    /// <summary>Sends the call with exactly <paramref name="headers"/> and asserts it is refused as unauthenticated for <paramref name="reason"/>.</summary>
    public static async Task AssertUnauthenticatedAsync(ServiceClients service, Metadata headers, string reason, QueryStatusRequest? request = null)
    {
        var e = await ProductError.AssertFailsAsync(() => new SpeedUpService.SpeedUpServiceClient(service.Channel).QueryStatusAsync(request ?? Query, headers),
            "isp.RAM_PERMISSION_DENY", StatusCode.Unauthenticated);
        Assert.Contains(reason, e.Status.Detail, StringComparison.Ordinal);
    }
}
