using System.Net;
using SpeedUp.Drivers;

namespace SpeedUp.Location;

/// <summary>One parsed and validated CIDR override.</summary>
/// <param name="Network">The IPv4 network.</param>
/// <param name="Carrier">The carrier of its addresses.</param>
/// <param name="Province">The English province name, in the catalogue's spelling.</param>
public sealed record CidrOverride(IPNetwork Network, Carrier Carrier, string Province);
