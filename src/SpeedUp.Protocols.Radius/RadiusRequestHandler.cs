using System.Net;

namespace SpeedUp.Protocols.Radius;

/// <summary>Acts on one authenticated, non-duplicate CoA-Request or Disconnect-Request and says how to answer.</summary>
public delegate ValueTask<RadiusReply> RadiusRequestHandler(RadiusRequestContext request, CancellationToken cancellationToken);

/// <summary>A request as the server hands it to its handler.</summary>
public sealed record RadiusRequestContext(RadiusPacket Packet, IPEndPoint Source);
