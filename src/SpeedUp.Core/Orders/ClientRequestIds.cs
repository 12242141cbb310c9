using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using SpeedUp.Core.Errors;

namespace SpeedUp.Core.Orders;

/// <summary>
/// Caller-chosen ids that make <c>OrderOffer</c> and <c>StartSpeedUp</c> safe to retry: the same id (same customer)
/// returns the first answer; the same id with a different request is <c>isv.INVALID_PARAMETERS</c>.
/// </summary>
public static partial class ClientRequestIds
{
    /// <summary>Null for none (empty); else the id, which must be 1..64 of <c>[A-Za-z0-9._:-]</c>.</summary>
    public static string? Validate(string? clientRequestId)
    {
        if (string.IsNullOrEmpty(clientRequestId))
        {
            return null;
        }

        return Pattern().IsMatch(clientRequestId)
            ? clientRequestId
            : throw SpeedUpException.InvalidParameter("client_request_id must be 1..64 of [A-Za-z0-9._:-].");
    }

    /// <summary>A fingerprint of the request body (the canonical text of its fields).</summary>
    public static string Fingerprint(string canonicalBody) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalBody)))[..32];

    /// <summary>Fails when a retry's body differs from the first request's.</summary>
    public static void RequireSameBody(string clientRequestId, string? storedHash, string hash)
    {
        if (!string.Equals(storedHash, hash, StringComparison.Ordinal))
        {
            throw SpeedUpException.InvalidParameter(
                $"client_request_id '{clientRequestId}' was already used for a different request; use a new id for a new request.");
        }
    }

    // \z, not $: $ also matches before a final newline, which would let "id\n" through.
    [GeneratedRegex(@"^[A-Za-z0-9._:-]{1,64}\z")]
    private static partial Regex Pattern();
}
