namespace SpeedUp.Protocols.Radius;

/// <summary>What a <see cref="RadiusRequestHandler"/> decides: ACK, NAK (with an Error-Cause), or no answer at all.</summary>
public sealed class RadiusReply
{
    private RadiusReply(RadiusReplyKind kind, RadiusErrorCause? errorCause, IReadOnlyList<RadiusAttribute> attributes)
    {
        Kind = kind;
        ErrorCause = errorCause;
        Attributes = attributes;
    }

    /// <summary>No answer: the request is forgotten, so a retransmission is handled afresh.</summary>
    public static RadiusReply Drop { get; } = new(RadiusReplyKind.Drop, null, []);

    /// <summary>ACK or NAK or drop.</summary>
    public RadiusReplyKind Kind { get; }

    /// <summary>The Error-Cause of a NAK (RFC 5176 §3.5), added as attribute 101.</summary>
    public RadiusErrorCause? ErrorCause { get; }

    /// <summary>Further attributes of the answer.</summary>
    public IReadOnlyList<RadiusAttribute> Attributes { get; }

    /// <summary>CoA-ACK or Disconnect-ACK, by the request's code.</summary>
    public static RadiusReply Ack(IReadOnlyList<RadiusAttribute>? attributes = null) => new(RadiusReplyKind.Ack, null, [.. attributes ?? []]);

    /// <summary>CoA-NAK or Disconnect-NAK with <paramref name="errorCause"/>.</summary>
    public static RadiusReply Nak(RadiusErrorCause? errorCause, IReadOnlyList<RadiusAttribute>? attributes = null) =>
        new(RadiusReplyKind.Nak, errorCause, [.. attributes ?? []]);
}

/// <summary>The kinds of <see cref="RadiusReply"/>.</summary>
public enum RadiusReplyKind
{
    /// <summary>Positive answer.</summary>
    Ack,

    /// <summary>Negative answer.</summary>
    Nak,

    /// <summary>No answer.</summary>
    Drop,
}
