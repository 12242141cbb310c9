using System.Net;
using SpeedUp.Core.Catalogue;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Prechecks;

/// <summary>
/// The outcome of a pre-check of one line by one customer, kept until it expires so that that customer's orders and
/// starts can rely on it.
/// </summary>
public sealed record Precheck(
    long BandId,
    string Account,
    IPAddress IpAddress,
    int Port,
    Carrier Carrier,
    string Province,
    string ChannelName,
    LineRates Rates,
    LineCapability Capability,
    IReadOnlyList<Offer> Offers,
    DateTimeOffset CheckedAt,
    DateTimeOffset ExpiresAt,
    string CustomerId = "")
{
    /// <summary>Whether the pre-check still holds at <paramref name="now"/>.</summary>
    public bool IsValidAt(DateTimeOffset now) => now < ExpiresAt;

    /// <summary>Whether the line can be sped up at all.</summary>
    public bool CanSpeedUp => Offers.Count > 0;

    /// <summary>The line reference on the equipment.</summary>
    public LineReference Line => new(BandId, Account);
}
