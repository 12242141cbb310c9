using SpeedUp.Drivers;

namespace SpeedUp.Core.Sessions;

/// <summary>Durable speed-up sessions.</summary>
public interface ISessionStore
{
    /// <summary>Journals a new session (with its customer, client request id and order uses, in one transaction). Fails with <see cref="SessionConflictException"/> when the line already has an open session in that direction.</summary>
    Task InsertAsync(SpeedUpSession session, CancellationToken cancellationToken);

    /// <summary>Saves a session's state, channel and last error.</summary>
    Task UpdateAsync(SpeedUpSession session, CancellationToken cancellationToken);

    /// <summary>
    /// Journals an extension in one transaction: the session's new due time (already set by
    /// <see cref="SpeedUpSession.Extend"/>) with its pending events, the <paramref name="extension"/> record, and
    /// <paramref name="addedUses"/> (minutes added to an order the session already uses, or a new order use). Fails with
    /// <see cref="SessionConflictException"/> when the customer already used the extension's client request id.
    /// </summary>
    Task ExtendAsync(SpeedUpSession session, SessionExtension extension, IReadOnlyList<Orders.OrderUse> addedUses, CancellationToken cancellationToken);

    /// <summary>The customer's extension made with that client request id, or null.</summary>
    Task<SessionExtension?> FindExtensionAsync(string customerId, string clientRequestId, CancellationToken cancellationToken);

    /// <summary>A session by id, open or ended, or null.</summary>
    Task<SpeedUpSession?> FindAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>The open (not ended) session of a line and direction, or null.</summary>
    Task<SpeedUpSession?> FindOpenAsync(long bandId, Direction direction, CancellationToken cancellationToken);

    /// <summary>The most recent session of a line and direction, open or ended, or null.</summary>
    Task<SpeedUpSession?> FindLatestAsync(long bandId, Direction direction, CancellationToken cancellationToken);

    /// <summary>
    /// The most recent session of the customer on a line in each direction, open or ended: at most one per direction, in
    /// one read (what QueryStatus answers).
    /// </summary>
    Task<IReadOnlyList<SpeedUpSession>> FindLatestPerDirectionAsync(string customerId, long bandId, CancellationToken cancellationToken);

    /// <summary>The customer's sessions started with that client request id, latest first.</summary>
    Task<IReadOnlyList<SpeedUpSession>> FindByClientRequestAsync(string customerId, string clientRequestId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims, for <paramref name="instanceId"/> until <paramref name="now"/> + <paramref name="lease"/>, up to
    /// <paramref name="limit"/> sessions that need the restorer (Active and due at <paramref name="now"/>, or
    /// Applying/Restoring) and that no other instance holds an unexpired claim on, oldest due first. Instances
    /// claiming at the same time get disjoint sessions; a claim of an instance that died is taken over once its lease
    /// has passed. Claims of <paramref name="instanceId"/> itself are renewed.
    /// </summary>
    Task<IReadOnlyList<SpeedUpSession>> ClaimNeedingRestoreAsync(
        string instanceId, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken);

    /// <summary>Gives up <paramref name="instanceId"/>'s claim on a session (so the next sweep of any instance may take it).</summary>
    Task ReleaseClaimAsync(string sessionId, string instanceId, CancellationToken cancellationToken);

    /// <summary>The earliest due time of an active session due after <paramref name="after"/>; null when none is.</summary>
    Task<DateTimeOffset?> NextDueAfterAsync(DateTimeOffset after, CancellationToken cancellationToken);

    /// <summary>Every session not ended yet (Applying, Active, Restoring), oldest first.</summary>
    Task<IReadOnlyList<SpeedUpSession>> ListOpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The open sessions matching <paramref name="filter"/>, oldest first, at most <paramref name="limit"/>, and how many
    /// more matched: filtered and counted by the store, so an operator's listing does not read every open session.
    /// </summary>
    Task<SessionPage> ListOpenAsync(SessionFilter filter, int limit, CancellationToken cancellationToken);

    /// <summary>How many sessions are open (Applying, Active, Restoring), by carrier and state; pairs with none are left out.</summary>
    Task<IReadOnlyDictionary<(Carrier Carrier, SessionState State), int>> CountOpenAsync(CancellationToken cancellationToken);

    /// <summary>How many sessions are Active and due after <paramref name="after"/>.</summary>
    Task<int> CountActiveDueAfterAsync(DateTimeOffset after, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the Active sessions due after <paramref name="after"/>, in (due time, id) order: the first
    /// <paramref name="limit"/> that come after <paramref name="following"/> in that order (null: from the start). A pass
    /// over them all holds one page at a time, whatever the number of sessions.
    /// </summary>
    Task<IReadOnlyList<SpeedUpSession>> ListActiveDueAfterAsync(
        DateTimeOffset after, SpeedUpSession? following, int limit, CancellationToken cancellationToken);

    /// <summary>Ended sessions, ended at or after <paramref name="since"/>, that met a write of unknown outcome.</summary>
    Task<IReadOnlyList<SpeedUpSession>> ListEndedWithUncertainWritesAsync(DateTimeOffset since, CancellationToken cancellationToken);
}
