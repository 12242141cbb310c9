using System.Net;

namespace SpeedUp.Protocols.Radius;

/// <summary>A peer allowed to send requests to a <see cref="RadiusServer"/>: its source address and the secret it shares.</summary>
public sealed record RadiusServerClient(IPAddress Address, RadiusSharedSecret Secret);
