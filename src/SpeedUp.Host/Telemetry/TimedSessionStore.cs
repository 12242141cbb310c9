using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;

namespace SpeedUp.Host.Telemetry;

/// <summary>
/// The configured <see cref="ISessionStore"/> with its journal writes (<see cref="InsertAsync"/>,
/// <see cref="UpdateAsync"/>, <see cref="ExtendAsync"/>) timed into <see cref="StorageMetrics"/>; every other call passes through.
/// </summary>
internal sealed class TimedSessionStore(ISessionStore inner, string store, StorageMetrics metrics, TimeProvider time) : ISessionStore
{
    public Task InsertAsync(SpeedUpSession session, CancellationToken cancellationToken) =>
        TimeAsync("insert", () => inner.InsertAsync(session, cancellationToken));

    public Task UpdateAsync(SpeedUpSession session, CancellationToken cancellationToken) =>
        TimeAsync("update", () => inner.UpdateAsync(session, cancellationToken));

    public Task ExtendAsync(SpeedUpSession session, SessionExtension extension, IReadOnlyList<Core.Orders.OrderUse> addedUses, CancellationToken cancellationToken) =>
        TimeAsync("extend", () => inner.ExtendAsync(session, extension, addedUses, cancellationToken));

    public Task<SessionExtension?> FindExtensionAsync(string customerId, string clientRequestId, CancellationToken cancellationToken) =>
        inner.FindExtensionAsync(customerId, clientRequestId, cancellationToken);

    public Task<SpeedUpSession?> FindAsync(string sessionId, CancellationToken cancellationToken) =>
        inner.FindAsync(sessionId, cancellationToken);

    public Task<SpeedUpSession?> FindOpenAsync(long bandId, Direction direction, CancellationToken cancellationToken) =>
        inner.FindOpenAsync(bandId, direction, cancellationToken);

    public Task<SpeedUpSession?> FindLatestAsync(long bandId, Direction direction, CancellationToken cancellationToken) =>
        inner.FindLatestAsync(bandId, direction, cancellationToken);

    public Task<IReadOnlyList<SpeedUpSession>> FindLatestPerDirectionAsync(string customerId, long bandId, CancellationToken cancellationToken) =>
        inner.FindLatestPerDirectionAsync(customerId, bandId, cancellationToken);

    public Task<IReadOnlyList<SpeedUpSession>> FindByClientRequestAsync(string customerId, string clientRequestId, CancellationToken cancellationToken) =>
        inner.FindByClientRequestAsync(customerId, clientRequestId, cancellationToken);

    public Task<IReadOnlyList<SpeedUpSession>> ClaimNeedingRestoreAsync(
        string instanceId, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken) =>
        inner.ClaimNeedingRestoreAsync(instanceId, now, lease, limit, cancellationToken);

    public Task ReleaseClaimAsync(string sessionId, string instanceId, CancellationToken cancellationToken) =>
        inner.ReleaseClaimAsync(sessionId, instanceId, cancellationToken);

    public Task<DateTimeOffset?> NextDueAfterAsync(DateTimeOffset after, CancellationToken cancellationToken) =>
        inner.NextDueAfterAsync(after, cancellationToken);

    public Task<IReadOnlyList<SpeedUpSession>> ListOpenAsync(CancellationToken cancellationToken) => inner.ListOpenAsync(cancellationToken);

    public Task<SessionPage> ListOpenAsync(SessionFilter filter, int limit, CancellationToken cancellationToken) =>
        inner.ListOpenAsync(filter, limit, cancellationToken);

    public Task<IReadOnlyDictionary<(Carrier Carrier, SessionState State), int>> CountOpenAsync(CancellationToken cancellationToken) =>
        inner.CountOpenAsync(cancellationToken);

    public Task<int> CountActiveDueAfterAsync(DateTimeOffset after, CancellationToken cancellationToken) =>
        inner.CountActiveDueAfterAsync(after, cancellationToken);

    public Task<IReadOnlyList<SpeedUpSession>> ListActiveDueAfterAsync(
        DateTimeOffset after, SpeedUpSession? following, int limit, CancellationToken cancellationToken) =>
        inner.ListActiveDueAfterAsync(after, following, limit, cancellationToken);

    public Task<IReadOnlyList<SpeedUpSession>> ListEndedWithUncertainWritesAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        inner.ListEndedWithUncertainWritesAsync(since, cancellationToken);

    private async Task TimeAsync(string operation, Func<Task> write)
    {
        var started = time.GetTimestamp();
        try
        {
            await write().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            metrics.Write(store, operation, time.GetElapsedTime(started), e.GetType().Name);
            throw;
        }

        metrics.Write(store, operation, time.GetElapsedTime(started), errorType: null);
    }
}
