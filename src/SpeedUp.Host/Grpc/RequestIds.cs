using System.Text.RegularExpressions;
using Grpc.Core;

namespace SpeedUp.Host.Grpc;

/// <summary>
/// Every call gets a request id: the caller's <c>x-request-id</c> header when it is a safe token, else a new one.
/// It is echoed in the response's <c>request_id</c> and in the <c>x-request-id</c> trailer, and named in the logs.
/// </summary>
internal static partial class RequestIds
{
    public const string Header = "x-request-id";
    private const string Key = "speedup.request-id";

    /// <summary>The call's request id, created on first use.</summary>
    public static string RequestId(this ServerCallContext context)
    {
        if (context.UserState.TryGetValue(Key, out var existing) && existing is string id)
        {
            return id;
        }

        var supplied = context.RequestHeaders.GetValue(Header);
        id = supplied is not null && SafeToken().IsMatch(supplied) ? supplied : Guid.NewGuid().ToString("D").ToUpperInvariant();
        context.UserState[Key] = id;
        return id;
    }

    [GeneratedRegex(@"^[A-Za-z0-9-]{1,64}\z")]
    private static partial Regex SafeToken();
}
