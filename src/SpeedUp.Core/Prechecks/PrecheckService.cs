using System.Net;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Catalogue;
using SpeedUp.Core.Channels;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Location;
using SpeedUp.Core.Sessions;
using SpeedUp.Core.Validation;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Prechecks;

/// <summary>
/// Smart pre-check: carrier and province from the address, the subscriber line behind (address, port) from the
/// carrier's equipment, its rates and capability, and the offers it qualifies for. Every result is kept until it expires.
/// A customer's repeated pre-check of the same address and port within <see cref="PrecheckOptions.LineLookupReuse"/>
/// reuses the line lookup of its previous one while the line has no open speed-up (<see cref="RecentLineLookups"/>).
/// Another customer's open speed-up of the line answers as if it did not exist: that direction shows the rate the
/// speed-up started from (its original rate), never its target.
/// </summary>
public sealed class PrecheckService(
    IIpLocator locator,
    ISupplyScheduler scheduler,
    OfferCatalogue catalogue,
    IPrecheckStore store,
    ISessionStore sessions,
    IOptions<PrecheckOptions> options,
    TimeProvider time,
    RecentLineLookups recentLookups)
{
    private static readonly Direction[] BothDirections = [Direction.Up, Direction.Down];

    /// <summary>Pre-checks the line behind <paramref name="ipAddress"/>:<paramref name="port"/> for <paramref name="customerId"/>.</summary>
    public async Task<PrecheckResult> PrecheckAsync(string customerId, string? ipAddress, int port, CancellationToken cancellationToken)
    {
        var address = RequestValidator.IpAddress(ipAddress);
        port = RequestValidator.Port(port);

        var location = locator.Locate(address);
        if (location.Province is null)
        {
            throw SpeedUpException.InvalidParameter(
                $"ip_address {address} is not a mainland-China broadband address (located as '{location.Country}', '{location.Isp}').");
        }

        if (location.Carrier is not { } carrier)
        {
            throw new SpeedUpException(ProductErrorCode.SpeedUpUnsupported, FailureKind.FailedPrecondition,
                $"ip_address {address} belongs to '{location.Isp}' in {location.Province}; only China Telecom and China Unicom lines can be sped up.");
        }

        if (!catalogue.Serves(carrier, location.Province))
        {
            throw new SpeedUpException(ProductErrorCode.SpeedUpUnsupported, FailureKind.FailedPrecondition,
                $"{carrier} offers no speed-up in {location.Province}.");
        }

        var demand = new ChannelDemand(carrier, location.Province);
        if (!scheduler.CanServe(demand))
        {
            throw new SpeedUpException(ProductErrorCode.SpeedUpUnsupported, FailureKind.FailedPrecondition,
                $"No supply channel is configured for {carrier} in {location.Province}.");
        }

        var (channel, line, open) = await FindLineAsync(customerId, address, port, demand, cancellationToken).ConfigureAwait(false);
        line = AsSeenBy(customerId, line, open);
        var offers = catalogue.OffersFor(carrier, location.Province, line);
        var now = time.GetUtcNow();
        var precheck = new Precheck(line.BandId, line.Account, address, port, carrier, location.Province,
            channel, line.Current, line.Capability, offers, now, now + options.Value.ValidFor, customerId);
        await store.SaveAsync(precheck, cancellationToken).ConfigureAwait(false);

        return precheck.CanSpeedUp
            ? new PrecheckResult(precheck, ProductErrorCode.Ok, "OK")
            : new PrecheckResult(precheck, ProductErrorCode.SpeedUpUnsupported, WhyNoOffers(line));
    }

    /// <summary>
    /// The line behind the address and port, its channel and its open speed-ups: the customer's recent lookup when one
    /// may be reused (no speed-up open on the line now), else the equipment's answer through the scheduler.
    /// </summary>
    private async Task<(string Channel, SubscriberLine Line, IReadOnlyList<SpeedUpSession> Open)> FindLineAsync(
        string customerId, IPAddress address, int port, ChannelDemand demand, CancellationToken cancellationToken)
    {
        if (recentLookups.Find(customerId, address, port) is { } recent)
        {
            var openNow = await OpenSessionsAsync(recent.Line.BandId, cancellationToken).ConfigureAwait(false);
            if (openNow.Count == 0)
            {
                return (recent.Channel, recent.Line, openNow);
            }
        }

        var (channel, line) = await scheduler.RunAsync(new ChannelRequest($"find the line behind {address} port {port}", demand, CustomerId: customerId),
            async (attempt, ct) => (attempt.ChannelName, await attempt.FindLineAsync(address, port, ct).ConfigureAwait(false)),
            cancellationToken).ConfigureAwait(false);

        if (line is null)
        {
            throw new SpeedUpException(ProductErrorCode.InvalidParameters, FailureKind.NotFound,
                $"No broadband subscriber is online behind {address} port {port} (addresses shared behind CGNAT need the port).");
        }

        var open = await OpenSessionsAsync(line.BandId, cancellationToken).ConfigureAwait(false);
        if (open.Count == 0)
        {
            recentLookups.Remember(customerId, address, port, channel, line);
        }

        return (channel, line, open);
    }

    private async Task<IReadOnlyList<SpeedUpSession>> OpenSessionsAsync(long bandId, CancellationToken cancellationToken)
    {
        var open = new List<SpeedUpSession>(2);
        foreach (var direction in BothDirections)
        {
            if (await sessions.FindOpenAsync(bandId, direction, cancellationToken).ConfigureAwait(false) is { } session)
            {
                open.Add(session);
            }
        }

        return open;
    }

    /// <summary>
    /// The line as <paramref name="customerId"/> may see it: a direction another customer (or nobody, for sessions older
    /// than customers) has an open speed-up on shows that session's original rate instead of what the equipment reports.
    /// </summary>
    private static SubscriberLine AsSeenBy(string customerId, SubscriberLine line, IReadOnlyList<SpeedUpSession> open)
    {
        var rates = line.Current;
        foreach (var session in open.Where(s => !string.Equals(s.CustomerId, customerId, StringComparison.Ordinal)))
        {
            rates = session.Direction == Direction.Up ? rates with { UpKbps = session.OriginalKbps } : rates with { DownKbps = session.OriginalKbps };
        }

        return rates == line.Current ? line : line with { Current = rates };
    }

    private static string WhyNoOffers(SubscriberLine line) => line.Capability.SpeedUpPermitted
        ? "The line already runs at or above every tier it can carry."
        : "The carrier does not permit speed-up on this line.";
}
