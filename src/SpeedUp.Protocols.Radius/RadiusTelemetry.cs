namespace SpeedUp.Protocols.Radius;

/// <summary>
/// The metrics of the RADIUS client and server, on the meter <see cref="MeterName"/> (created through the
/// <c>IMeterFactory</c> given to them). No instrument carries a secret, user name or attribute value.
/// </summary>
public static class RadiusTelemetry
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "SpeedUp.Protocols.Radius";

    /// <summary>Counter ({packet}): responses the client dropped, by <see cref="ReasonTag"/>.</summary>
    public const string ClientDropped = "speedup.radius.client.dropped";

    /// <summary>Counter ({packet}): requests the client sent again after a timeout.</summary>
    public const string ClientRetransmissions = "speedup.radius.client.retransmissions";

    /// <summary>Counter ({packet}): requests the server dropped, by <see cref="ReasonTag"/>.</summary>
    public const string ServerDropped = "speedup.radius.server.dropped";

    /// <summary>Counter ({packet}): duplicate requests the server did not act on again, by <see cref="OutcomeTag"/>.</summary>
    public const string ServerDuplicates = "speedup.radius.server.duplicates";

    /// <summary>Tag: the <see cref="RadiusDropReason"/> in snake case, e.g. <c>bad_authenticator</c>.</summary>
    public const string ReasonTag = "reason";

    /// <summary>Tag of <see cref="ServerDuplicates"/>: <c>resent</c> (cached answer sent again) or <c>in_progress</c> (dropped).</summary>
    public const string OutcomeTag = "outcome";

    /// <summary>The tag value of <paramref name="reason"/>.</summary>
    public static string TagValue(RadiusDropReason reason) => reason switch
    {
        RadiusDropReason.Malformed => "malformed",
        RadiusDropReason.UnexpectedSource => "unexpected_source",
        RadiusDropReason.UnknownClient => "unknown_client",
        RadiusDropReason.BadAuthenticator => "bad_authenticator",
        RadiusDropReason.MissingMessageAuthenticator => "missing_message_authenticator",
        RadiusDropReason.UnknownIdentifier => "unknown_identifier",
        RadiusDropReason.Duplicate => "duplicate",
        RadiusDropReason.UnexpectedCode => "unexpected_code",
        _ => "other",
    };
}
