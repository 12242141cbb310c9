namespace SpeedUp.Host.Security;

/// <summary>What the gRPC listener may do without TLS (section <c>SpeedUp:Security</c>).</summary>
public sealed class TransportSecurityOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "SpeedUp:Security";

    /// <summary>The key of <see cref="AllowCleartextOnNonLoopback"/>, as messages name it.</summary>
    public const string AllowCleartextKey = Section + ":AllowCleartextOnNonLoopback";

    /// <summary>
    /// Whether the gRPC listener may serve cleartext HTTP/2 on an address other than loopback (signed calls, their
    /// request bodies and every answer readable on the network). Default false: such a listener stops start-up. When
    /// true it starts with a warning — for a listener behind a TLS-terminating proxy on a private network.
    /// </summary>
    public bool AllowCleartextOnNonLoopback { get; set; }
}
