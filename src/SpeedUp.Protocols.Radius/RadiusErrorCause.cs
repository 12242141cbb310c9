namespace SpeedUp.Protocols.Radius;

/// <summary>Values of the Error-Cause attribute (101), RFC 5176 §3.5.</summary>
public enum RadiusErrorCause : uint
{
    /// <summary>201: the session context was removed (Disconnect-ACK only).</summary>
    ResidualSessionContextRemoved = 201,

    /// <summary>202: an EAP packet was ignored.</summary>
    InvalidEapPacket = 202,

    /// <summary>401: an attribute is not supported.</summary>
    UnsupportedAttribute = 401,

    /// <summary>402: a required attribute is missing.</summary>
    MissingAttribute = 402,

    /// <summary>403: NAS-Identifier or NAS-IP-Address does not match this NAS.</summary>
    NasIdentificationMismatch = 403,

    /// <summary>404: the request is invalid for another reason.</summary>
    InvalidRequest = 404,

    /// <summary>405: the Service-Type asked for is not supported.</summary>
    UnsupportedService = 405,

    /// <summary>406: the extension (e.g. CoA on this NAS) is not supported.</summary>
    UnsupportedExtension = 406,

    /// <summary>407: an attribute's value is invalid.</summary>
    InvalidAttributeValue = 407,

    /// <summary>501: refused by policy.</summary>
    AdministrativelyProhibited = 501,

    /// <summary>502: a proxy could not route the request.</summary>
    RequestNotRoutable = 502,

    /// <summary>503: no session matches the identification attributes.</summary>
    SessionContextNotFound = 503,

    /// <summary>504: the session cannot be removed.</summary>
    SessionContextNotRemovable = 504,

    /// <summary>505: a proxy failed otherwise.</summary>
    OtherProxyProcessingError = 505,

    /// <summary>506: the NAS lacks the resources.</summary>
    ResourcesUnavailable = 506,

    /// <summary>507: the request was initiated (not yet completed).</summary>
    RequestInitiated = 507,

    /// <summary>508: the identification attributes select several sessions and the NAS does not support that.</summary>
    MultipleSessionSelectionUnsupported = 508,
}
