using System.Security.Cryptography;

namespace SpeedUp.Core.Webhooks;

/// <summary>Sink secrets: made here, handed out once, kept protected.</summary>
public static class WebhookSecrets
{
    /// <summary>A new secret: 32 random bytes, base64url without padding (43 characters).</summary>
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The id a sink's secret is protected under (its associated data), distinct from every access key id.</summary>
    public static string ProtectionIdOf(string sinkId) => "webhook-sink/" + sinkId;

    /// <summary>A new sink id: <c>whk_</c> and 24 hex digits.</summary>
    public static string NewSinkId() => "whk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
