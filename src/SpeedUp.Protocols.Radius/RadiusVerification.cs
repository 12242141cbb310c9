namespace SpeedUp.Protocols.Radius;

/// <summary>The outcome of checking a received packet's authenticators with <see cref="RadiusAuthenticator"/>.</summary>
public enum RadiusVerification
{
    /// <summary>Authenticator (and Message-Authenticator, when present) match.</summary>
    Valid = 0,

    /// <summary>The Request or Response Authenticator does not match: wrong secret or altered packet.</summary>
    BadAuthenticator,

    /// <summary>A Message-Authenticator is present but does not match, or is not 16 octets.</summary>
    BadMessageAuthenticator,

    /// <summary>No Message-Authenticator, and the receiver requires one.</summary>
    MissingMessageAuthenticator,

    /// <summary>The octets are not a well-formed packet.</summary>
    Malformed,
}
