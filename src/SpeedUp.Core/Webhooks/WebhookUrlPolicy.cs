using System.Net;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Errors;

namespace SpeedUp.Core.Webhooks;

/// <summary>
/// Which sink URLs are acceptable: absolute, <c>https</c> (or <c>http</c> when <see cref="WebhookOptions.AllowHttp"/>),
/// no user name or password, no fragment, a host of <see cref="WebhookOptions.AllowedHosts"/>, at most
/// <see cref="MaxLength"/> characters. Checked when a sink is registered and again before every POST (the allow-list may
/// have shrunk since).
/// </summary>
public sealed class WebhookUrlPolicy(IOptionsMonitor<WebhookOptions> options)
{
    /// <summary>The longest URL accepted.</summary>
    public const int MaxLength = 2048;

    /// <summary>The URL as a <see cref="Uri"/>; throws when it is not acceptable.</summary>
    /// <exception cref="SpeedUpException">isv.INVALID_PARAMETERS, naming the rule broken (never echoing the URL).</exception>
    public Uri Require(string? url) =>
        Check(url, out var uri) is { } problem ? throw SpeedUpException.InvalidParameter($"url {problem}.") : uri!;

    /// <summary>Why <paramref name="url"/> is not acceptable, or null when it is (then <paramref name="uri"/> is set).</summary>
    public string? Check(string? url, out Uri? uri)
    {
        uri = null;
        var settings = options.CurrentValue;
        if (string.IsNullOrEmpty(url))
        {
            return "is required";
        }

        if (url.Length > MaxLength)
        {
            return $"is longer than {MaxLength} characters";
        }

        if (url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            return "contains white space or control characters";
        }

        // On Unix a rooted path parses as an absolute file: URI; a sink URL names its scheme and authority.
        if (!url.Contains("://", StringComparison.Ordinal) || !Uri.TryCreate(url, UriKind.Absolute, out var parsed))
        {
            return "is not an absolute URL";
        }

        if (parsed.Scheme != Uri.UriSchemeHttps && !(settings.AllowHttp && parsed.Scheme == Uri.UriSchemeHttp))
        {
            return settings.AllowHttp ? "must use https or http" : "must use https";
        }

        if (parsed.UserInfo.Length > 0 || Authority(url).Contains('@', StringComparison.Ordinal))
        {
            return "must not carry a user name or password";
        }

        if (parsed.Fragment.Length > 0 || url.Contains('#', StringComparison.Ordinal))
        {
            return "must not have a fragment";
        }

        if (!IsAllowedHost(parsed.IdnHost, settings.AllowedHosts))
        {
            return settings.AllowedHosts.Count == 0
                ? "cannot be registered: no webhook host is allowed (SpeedUp:Webhooks:AllowedHosts)"
                : "names a host outside the allowed webhook hosts";
        }

        uri = parsed;
        return null;
    }

    /// <summary>Whether <paramref name="pattern"/> is a usable allow-list entry.</summary>
    public static bool IsHostPattern(string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            return false;
        }

        var host = pattern.StartsWith("*.", StringComparison.Ordinal) ? pattern[2..] : pattern;
        if (host.EndsWith('.'))
        {
            return false;
        }

        return IPAddress.TryParse(host, out _) && !pattern.StartsWith('*')
            || Uri.CheckHostName(host) == UriHostNameType.Dns && host.Contains('.', StringComparison.Ordinal)
            || host == "localhost" && !pattern.StartsWith('*');
    }

    private static string Authority(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal);
        if (start < 0)
        {
            return "";
        }

        var rest = url[(start + 3)..];
        var end = rest.IndexOfAny(['/', '?', '#']);
        return end < 0 ? rest : rest[..end];
    }

    private static bool IsAllowedHost(string host, IEnumerable<string> allowed)
    {
        var name = host.TrimEnd('.').Trim('[', ']');
        foreach (var pattern in allowed)
        {
            if (pattern.StartsWith("*.", StringComparison.Ordinal))
            {
                if (name.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) && name.Length > pattern.Length - 1)
                {
                    return true;
                }
            }
            else if (string.Equals(name, pattern.Trim('[', ']'), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
