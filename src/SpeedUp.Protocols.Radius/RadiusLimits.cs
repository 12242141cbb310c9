namespace SpeedUp.Protocols.Radius;

/// <summary>The sizes RFC 2865 §3 and §5 allow.</summary>
public static class RadiusLimits
{
    /// <summary>The header: code, identifier, length, authenticator.</summary>
    public const int HeaderLength = 20;

    /// <summary>The smallest legal Length field.</summary>
    public const int MinPacketLength = 20;

    /// <summary>The largest legal Length field.</summary>
    public const int MaxPacketLength = 4096;

    /// <summary>The largest attribute value (255 minus type and length octets).</summary>
    public const int MaxAttributeValueLength = 253;

    /// <summary>The authenticator field's size, and the Message-Authenticator's.</summary>
    public const int AuthenticatorLength = 16;
}
