using System.Text.RegularExpressions;
using Grpc.Core;

namespace SpeedUp.Host.Grpc;

/// <summary>
/// Every call gets a request id: the caller's <c>x-request-id</c> header when it is a safe token, else a new one.
/// It is echoed in the response's <c>request_id</c> and in the <c>x-request-id</c> trailer, and named in the logs.
/// A new one is a random (version 4) UUID in upper case.
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
        id = supplied is not null && SafeToken().IsMatch(supplied) ? supplied : NewId();
        context.UserState[Key] = id;
        return id;
    }

    /// <summary>
    /// A version 4 UUID from the process's shared pseudo-random generator. A request id correlates logs and answers and
    /// grants nothing, so it needs uniqueness, not secrecy; <see cref="Guid.NewGuid"/> reads the kernel's random device
    /// once per id on Linux (a system call on every call, seen in a signed call's profile).
    /// </summary>
    private static string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (the high nibble of the third group)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes).ToString("D").ToUpperInvariant();
    }

    [GeneratedRegex(@"^[A-Za-z0-9-]{1,64}\z")]
    private static partial Regex SafeToken();
}
