using System.Net;

namespace SpeedUp.Simulator;

/// <summary>One subscriber line as the equipment holds it: seed values plus the current CAR rates.</summary>
public sealed record SubscriberLineState(
    int AccessIndex,
    int BandId,
    string Account,
    string Province,
    IPAddress IpAddress,
    int PortFirst,
    int PortLast,
    int BaseUpKbps,
    int BaseDownKbps,
    int MaxUpKbps,
    int MaxDownKbps,
    bool SpeedUpPermitted,
    int UpKbps,
    int DownKbps)
{
    /// <summary>True when the line shares its public address with others (a port block narrower than 0-65535).</summary>
    public bool IsCgnat => PortFirst != 0 || PortLast != 65535;

    /// <summary>True when both current rates equal the base (plan) rates.</summary>
    public bool AtBaseRates => UpKbps == BaseUpKbps && DownKbps == BaseDownKbps;

    public int CurrentKbps(RateDirection direction) => direction == RateDirection.Up ? UpKbps : DownKbps;

    public int MaxKbps(RateDirection direction) => direction == RateDirection.Up ? MaxUpKbps : MaxDownKbps;

    public bool ContainsPort(int port) => port >= PortFirst && port <= PortLast;
}
