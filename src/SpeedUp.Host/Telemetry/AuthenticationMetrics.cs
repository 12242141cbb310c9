using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SpeedUp.Host.Telemetry;

/// <summary>Why the signature check refused a call (tag <c>speedup.auth.reason</c> of <c>speedup.auth.refusals</c>).</summary>
public enum RefusalKind
{
    /// <summary>A signature header is missing.</summary>
    NotSigned,

    /// <summary>A header is malformed (key id, nonce, timestamp).</summary>
    Malformed,

    /// <summary>The timestamp is outside the clock-skew window.</summary>
    SignatureStale,

    /// <summary>No such access key.</summary>
    UnknownKey,

    /// <summary>The key is disabled.</summary>
    KeyDisabled,

    /// <summary>The HMAC does not match.</summary>
    SignatureInvalid,

    /// <summary>The nonce was used before.</summary>
    SignatureReplayed,

    /// <summary>The client address failed too often and is refused before any check.</summary>
    AddressBlocked,

    /// <summary>The key is not granted the action.</summary>
    PermissionDenied,

    /// <summary>The key or its customer is over its rate limit.</summary>
    RateLimited,
}

/// <summary>Refused calls by reason (meter <c>SpeedUp.Host</c>, <c>speedup.auth.refusals</c>). No key id or address in tags.</summary>
public sealed class AuthenticationMetrics
{
    /// <summary>Tag naming the reason.</summary>
    public const string ReasonTag = "speedup.auth.reason";

    private static readonly string[] Reasons = [.. Enum.GetValues<RefusalKind>().Select(k => Core.Telemetry.MetricTags.SnakeCase(k))];
    private readonly Counter<long> _refusals;

    /// <summary>Creates the instrument on a meter of <paramref name="meters"/>.</summary>
    public AuthenticationMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _refusals = meters.Create(SpeedUpMeters.Host).CreateCounter<long>("speedup.auth.refusals", "{call}",
            "Calls refused by the signature check, the grants or the rate limits, by reason.");
    }

    /// <summary>The tag value of <paramref name="kind"/> (<c>signature_invalid</c>, …).</summary>
    public static string ReasonOf(RefusalKind kind) => Reasons[(int)kind];

    /// <summary>Counts one refusal of a call to <paramref name="fullMethod"/>.</summary>
    public void Refused(RefusalKind kind, string fullMethod) =>
        _refusals.Add(1, new TagList { { ReasonTag, ReasonOf(kind) }, { "rpc.method", fullMethod } });
}
