namespace SpeedUp.Core.Sessions;

/// <summary>
/// Serializes every change of one subscriber line (order, start, stop, expiry, restore, reconcile) among every
/// instance that shares the store. The embedded SQLite store serves one process (<see cref="InProcessLineLocks"/>);
/// the PostgreSQL store takes a session-level advisory lock keyed by the band id, which the database releases by
/// itself when the holding instance dies.
/// </summary>
public interface ILineLocks
{
    /// <summary>Waits for exclusive use of a line. Dispose the result to release it.</summary>
    /// <exception cref="Errors.StoreUnavailableException">The store cannot be reached.</exception>
    Task<IAsyncDisposable> AcquireAsync(long bandId, CancellationToken cancellationToken);

    /// <summary>Takes the line when nobody holds it; null when somebody (here or in another instance) does.</summary>
    /// <exception cref="Errors.StoreUnavailableException">The store cannot be reached.</exception>
    Task<IAsyncDisposable?> TryAcquireAsync(long bandId, CancellationToken cancellationToken);
}
