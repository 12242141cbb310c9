using System.Net;

namespace SpeedUp.Drivers;

/// <summary>A home-broadband subscriber line as its access equipment (BRAS) reports it.</summary>
public sealed record SubscriberLine(
    long BandId,
    string Account,
    IPAddress IpAddress,
    PortRange Ports,
    LineRates Current,
    LineCapability Capability)
{
    /// <summary>The reference used for later operations on this line.</summary>
    public LineReference Reference => new(BandId, Account);
}
