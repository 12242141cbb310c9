namespace SpeedUp.Protocols.Radius;

/// <summary>Why a received datagram was dropped; the <c>reason</c> tag of the dropped-packet counters (<see cref="RadiusTelemetry"/>).</summary>
public enum RadiusDropReason
{
    /// <summary>Not a well-formed RADIUS packet (<c>malformed</c>).</summary>
    Malformed,

    /// <summary>A response from an address and port other than the request's server (<c>unexpected_source</c>).</summary>
    UnexpectedSource,

    /// <summary>A request from an address with no configured secret (<c>unknown_client</c>).</summary>
    UnknownClient,

    /// <summary>Authenticator or Message-Authenticator mismatch: wrong secret or altered packet (<c>bad_authenticator</c>).</summary>
    BadAuthenticator,

    /// <summary>No Message-Authenticator where one is required (<c>missing_message_authenticator</c>).</summary>
    MissingMessageAuthenticator,

    /// <summary>A response whose identifier matches no request in flight (<c>unknown_identifier</c>).</summary>
    UnknownIdentifier,

    /// <summary>A second response to a request already answered (<c>duplicate</c>).</summary>
    Duplicate,

    /// <summary>A code that is no answer to the request, or a request this server does not serve (<c>unexpected_code</c>).</summary>
    UnexpectedCode,
}
