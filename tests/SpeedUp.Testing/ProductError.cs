using Xunit;
using Google.Rpc;
using Grpc.Core;

namespace SpeedUp.Testing;

/// <summary>Reads the product code of a failed call the way any client built from the .proto can.</summary>
public static class ProductError
{
    /// <summary>The product code a failed call carries (its <c>x-product-code</c> trailer), or "none".</summary>
    public static string CodeOf(RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.Trailers.GetValue("x-product-code") ?? "none";
    }

    public static async Task<RpcException> AssertFailsAsync<T>(Func<AsyncUnaryCall<T>> call, string productCode, StatusCode status)
    {
        var e = await Assert.ThrowsAsync<RpcException>(async () => await call());
        Assert.Equal(status, e.StatusCode);
        Assert.Equal(productCode, e.Trailers.GetValue("x-product-code"));
        Assert.False(string.IsNullOrEmpty(e.Trailers.GetValue("x-request-id")));
        var info = e.GetRpcStatus()?.GetDetail<ErrorInfo>();
        Assert.NotNull(info);
        Assert.Equal(productCode, info.Reason);
        Assert.StartsWith($"[{productCode}]", e.Status.Detail, StringComparison.Ordinal);
        return e;
    }
}
