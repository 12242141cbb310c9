using System.Net;

namespace SpeedUp.Core.Sessions;

/// <summary>Finds a customer's line by the address it was pre-checked or sped up at, and that line's sessions.</summary>
public interface ISessionLookupStore
{
    /// <summary>
    /// The band id of the customer's most recent pre-check or session at <paramref name="address"/>:<paramref name="port"/>
    /// (whichever is newer), or null when the customer has neither there.
    /// </summary>
    Task<long?> LocateBandAsync(string customerId, IPAddress address, int port, CancellationToken cancellationToken);

    /// <summary>The customer's sessions of a line, both directions, latest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<SpeedUpSession>> ListLatestAsync(string customerId, long bandId, int limit, CancellationToken cancellationToken);
}
