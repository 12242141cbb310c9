using SpeedUp.Core.Errors;
using SpeedUp.Core.Validation;

namespace SpeedUp.Core.Sessions;

/// <summary>A line found by address, and the customer's sessions of it (latest first). No line: band id null, no sessions.</summary>
public sealed record SessionLookup(long? BandId, IReadOnlyList<SpeedUpSession> Sessions);

/// <summary>
/// Session lookup by device: the customer's sessions of the line at an IP address and port. The line is the one of the
/// customer's latest pre-check or session at that address (so no device is asked, and a line the customer never
/// pre-checked there is not found); another customer's pre-checks and sessions are never seen.
/// </summary>
public sealed class SessionLookupService(ISessionLookupStore store)
{
    /// <summary>Sessions returned when the request names no limit.</summary>
    public const int DefaultLimit = 20;

    /// <summary>Most sessions one call returns.</summary>
    public const int MaxLimit = 100;

    /// <summary>The customer's sessions of the line behind <paramref name="ipAddress"/>:<paramref name="port"/>, latest first.</summary>
    public async Task<SessionLookup> FindAsync(string customerId, string? ipAddress, int port, int limit, CancellationToken cancellationToken)
    {
        var address = RequestValidator.IpAddress(ipAddress);
        port = RequestValidator.Port(port);
        var count = limit switch
        {
            0 => DefaultLimit,
            >= 1 and <= MaxLimit => limit,
            _ => throw SpeedUpException.InvalidParameter($"limit must be 0 (the default, {DefaultLimit}) or 1..{MaxLimit}."),
        };

        if (await store.LocateBandAsync(customerId, address, port, cancellationToken).ConfigureAwait(false) is not { } bandId)
        {
            return new SessionLookup(null, []);
        }

        return new SessionLookup(bandId, await store.ListLatestAsync(customerId, bandId, count, cancellationToken).ConfigureAwait(false));
    }
}
