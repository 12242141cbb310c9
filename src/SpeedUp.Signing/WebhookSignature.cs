using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SpeedUp.Signing;

/// <summary>What a receiver concludes from a webhook's signature header.</summary>
public enum WebhookSignatureCheck
{
    /// <summary>Signed with the sink's secret, at a time within the tolerance.</summary>
    Valid = 0,

    /// <summary>Not signed with the sink's secret (or the header is missing or malformed): reject.</summary>
    Forged = 1,

    /// <summary>Signed with the sink's secret, but its timestamp is outside the tolerance (a replay of an old request): reject.</summary>
    Stale = 2,
}

/// <summary>
/// The signature of a webhook request (docs/webhooks.md). The header <see cref="HeaderName"/> is
/// <c>t=&lt;unix seconds&gt;,v1=&lt;signature&gt;</c>; the signature is the lower-case hex HMAC-SHA256, keyed with the UTF-8
/// bytes of the sink's secret, of the ASCII timestamp, a dot, and the raw body bytes exactly as received.
/// A receiver recomputes it, compares in constant time, then checks the timestamp against its clock.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header carrying the signature.</summary>
    public const string HeaderName = "X-SpeedUp-Signature";

    /// <summary>How far a signature's timestamp may be from the receiver's clock by default.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>The header value for <paramref name="body"/> signed at <paramref name="at"/>.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var timestamp = at.ToUnixTimeSeconds();
        return $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Mac(secret, timestamp, body))}";
    }

    /// <summary>
    /// Checks <paramref name="headerValue"/> against <paramref name="body"/>: <see cref="WebhookSignatureCheck.Forged"/>
    /// unless one <c>v1</c> value is the signature of the body at the header's timestamp under <paramref name="secret"/>;
    /// then <see cref="WebhookSignatureCheck.Stale"/> when that timestamp is more than <paramref name="tolerance"/>
    /// (default 5 minutes) from <paramref name="now"/>.
    /// </summary>
    public static WebhookSignatureCheck Verify(string secret, string? headerValue, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (headerValue is null || headerValue.Length > 1024)
        {
            return WebhookSignatureCheck.Forged;
        }

        long? timestamp = null;
        var candidates = new List<string>();
        foreach (var part in headerValue.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal)
                && long.TryParse(part.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var t) && timestamp is null)
            {
                timestamp = t;
            }
            else if (part.StartsWith("v1=", StringComparison.Ordinal))
            {
                candidates.Add(part[3..]);
            }
        }

        if (timestamp is not { } at || candidates.Count == 0)
        {
            return WebhookSignatureCheck.Forged;
        }

        var expected = Mac(secret, at, body);
        Span<byte> presented = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var matched = false;
        foreach (var candidate in candidates)
        {
            matched |= candidate.Length == HMACSHA256.HashSizeInBytes * 2
                && Convert.FromHexString(candidate, presented, out _, out var written) == System.Buffers.OperationStatus.Done
                && written == presented.Length
                && CryptographicOperations.FixedTimeEquals(expected, presented);
        }

        if (!matched)
        {
            return WebhookSignatureCheck.Forged;
        }

        var age = now.ToUnixTimeSeconds() - at;
        return Math.Abs((double)age) > (tolerance ?? DefaultTolerance).TotalSeconds ? WebhookSignatureCheck.Stale : WebhookSignatureCheck.Valid;
    }

    private static byte[] Mac(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
