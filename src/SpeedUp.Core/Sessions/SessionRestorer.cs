using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Channels;
using SpeedUp.Core.Cluster;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Telemetry;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Sessions;

/// <summary>
/// Puts original rates back: at the end of a session, for due sessions (swept periodically), and at start-up for
/// sessions the service left open when it stopped or crashed. The restore goes through the channel that applied the
/// rate first, then through the other channels of the line's carrier and province; each reads the line before it
/// writes. A restore that fails everywhere stays journalled as <see cref="SessionState.Restoring"/> and is retried
/// by the next sweep (of any instance), so no line stays sped up. An ended session gives its channel capacity back.
/// </summary>
public sealed partial class SessionRestorer(
    ISessionStore sessions,
    ISupplyScheduler scheduler,
    ILineLocks locks,
    InstanceIdentity instance,
    IOptions<ClusterOptions> clusterOptions,
    IOptions<SpeedUpSessionOptions> sessionOptions,
    SessionMetrics metrics,
    TimeProvider time,
    ILogger<SessionRestorer> logger)
{
    private readonly DateTimeOffset _processStartedAt = time.GetUtcNow();

    /// <summary>
    /// Restores the original rate of a session already in <see cref="SessionState.Restoring"/> (the caller holds
    /// the line's lock). Returns whether a device confirmed it; the session is saved either way.
    /// </summary>
    public async Task<bool> RestoreAsync(SpeedUpSession session, CancellationToken cancellationToken)
    {
        await sessions.UpdateAsync(session, cancellationToken).ConfigureAwait(false);
        try
        {
            var channel = await scheduler.RunAsync(RequestFor(session, $"restore band {session.BandId}"),
                (attempt, ct) => PutOriginalBackAsync(session, attempt, ct), cancellationToken).ConfigureAwait(false);
            if (channel != session.ChannelName)
            {
                session.MoveTo(channel);
            }
        }
        catch (SpeedUpException e)
        {
            session.RecordFailure(e.Diagnostic);
            await sessions.UpdateAsync(session, cancellationToken).ConfigureAwait(false);
            metrics.RestoreFailed(session, e.Code);
            LogRestoreFailed(session.Id, session.BandId, e.Diagnostic);
            return false;
        }

        session.MarkEnded(time.GetUtcNow());
        await sessions.UpdateAsync(session, cancellationToken).ConfigureAwait(false);
        metrics.Restored(session);
        await scheduler.ReleaseAsync(session.Id, CancellationToken.None).ConfigureAwait(false);
        LogRestored(session.Id, session.BandId, session.Direction, session.OriginalKbps, session.EndReason, session.ChannelName);
        return true;
    }

    /// <summary>
    /// Restores every session that is due, or was left half-way by an earlier run or by an instance that died. The
    /// sessions are claimed first (<see cref="ISessionStore.ClaimNeedingRestoreAsync"/>), a batch at a time, so instances
    /// sweeping together share the work; a claimed batch is restored <see cref="SpeedUpSessionOptions.RestoreConcurrency"/>
    /// at a time (distinct lines), and a full batch is followed by the next at once, so an evening peak is not throttled to
    /// one batch a sweep. A line somebody is changing right now is left to the next sweep. Returns how many ended.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var ended = 0;
        var endedInBatch = 0;
        var cluster = clusterOptions.Value;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = sessionOptions.Value.RestoreConcurrency, CancellationToken = cancellationToken };
        IReadOnlyList<SpeedUpSession> candidates;
        do
        {
            endedInBatch = 0;
            candidates = await sessions.ClaimNeedingRestoreAsync(instance.Id, time.GetUtcNow(), cluster.ClaimLease, cluster.ClaimBatch, cancellationToken)
                .ConfigureAwait(false);
            await Parallel.ForEachAsync(candidates, parallel, async (candidate, ct) =>
            {
                if (await SweepOneAsync(candidate, ct).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref endedInBatch);
                }
            }).ConfigureAwait(false);
            ended += endedInBatch;
        }
        while (candidates.Count == cluster.ClaimBatch && endedInBatch > 0); // a batch of busy lines waits for the next sweep

        return ended;
    }

    /// <summary>
    /// When the next sweep should run: at the next active session's due time, but not sooner than
    /// <see cref="MinimumSweepGap"/> from now nor later than <paramref name="interval"/> (which also picks up sessions
    /// left half-way, and claims of instances that died).
    /// </summary>
    public async Task<TimeSpan> UntilNextSweepAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var next = await sessions.NextDueAfterAsync(now, cancellationToken).ConfigureAwait(false);
        var wait = next is { } due ? due - now : interval;
        return wait < MinimumSweepGap ? MinimumSweepGap : wait > interval ? interval : wait;
    }

    /// <summary>At most 20 sweeps a second: sessions falling due close together are claimed in one batch.</summary>
    public static readonly TimeSpan MinimumSweepGap = TimeSpan.FromMilliseconds(50);

    /// <summary>Restores one claimed session unless its line is busy or it no longer needs it; true when it ended.</summary>
    private async Task<bool> SweepOneAsync(SpeedUpSession candidate, CancellationToken cancellationToken)
    {
        var ended = false;
        await using (var line = await locks.TryAcquireAsync(candidate.BandId, cancellationToken).ConfigureAwait(false))
        {
            // Whoever holds the line (a start, a stop, another instance's sweep) is alive and finishes the session.
            if (line is not null)
            {
                ended = await RestoreIfStillNeededAsync(candidate, cancellationToken).ConfigureAwait(false);
            }
        }

        if (!ended)
        {
            await sessions.ReleaseClaimAsync(candidate.Id, instance.Id, cancellationToken).ConfigureAwait(false);
        }

        return ended;
    }

    private async Task<bool> RestoreIfStillNeededAsync(SpeedUpSession candidate, CancellationToken cancellationToken)
    {
        // Re-read under the lock: a concurrent stop may have ended it, or a start may just have finished.
        var session = await sessions.FindOpenAsync(candidate.BandId, candidate.Direction, cancellationToken).ConfigureAwait(false);
        if (session is null || session.Id != candidate.Id)
        {
            return false;
        }

        var now = time.GetUtcNow();
        switch (session.State)
        {
            case SessionState.Active when session.DueAt > now:
                return false;
            case SessionState.Active:
                session.BeginRestore(session.DueAt < _processStartedAt ? EndReason.RestoredAfterRestart : EndReason.Expired, now);
                break;
            case SessionState.Applying:
                // Every start holds the line while it applies, so an Applying session here lost its instance.
                session.BeginRestore(EndReason.RestoredAfterRestart, now);
                break;
        }

        return await RestoreAsync(session, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A run over the session's own channel first (if still configured), then the others serving its carrier and
    /// province: they reach the same lines.
    /// </summary>
    internal static ChannelRequest RequestFor(SpeedUpSession session, string operation) =>
        new(operation, new ChannelDemand(session.Carrier, session.Province), session.ChannelName);

    /// <summary>Reads the line and writes the original rate back unless it is there already; returns the channel.</summary>
    private async Task<string> PutOriginalBackAsync(SpeedUpSession session, ChannelAttempt attempt, CancellationToken cancellationToken)
    {
        var line = await attempt.ReadLineAsync(session.Reference(), cancellationToken).ConfigureAwait(false);
        var current = line.Current.Of(session.Direction);
        if (current != session.OriginalKbps)
        {
            if (current != session.TargetKbps)
            {
                LogDrift(session.Id, session.BandId, session.Direction, current, session.TargetKbps, session.OriginalKbps);
            }

            await attempt.SetRateAsync(session.Reference(), session.Direction, session.OriginalKbps, cancellationToken).ConfigureAwait(false);
        }

        return attempt.ChannelName;
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Session {SessionId} ended: band {BandId} {Direction} back to {OriginalKbps} kbit/s ({Reason}, through {Channel})")]
    private partial void LogRestored(string sessionId, long bandId, Direction direction, long originalKbps, EndReason reason, string channel);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error,
        Message = "Session {SessionId}: restoring band {BandId} failed, will retry: {Error}")]
    private partial void LogRestoreFailed(string sessionId, long bandId, string error);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning,
        Message = "Session {SessionId}: band {BandId} {Direction} runs at {CurrentKbps} kbit/s, neither the target {TargetKbps} nor the original {OriginalKbps}; someone changed it. Restoring the original.")]
    private partial void LogDrift(string sessionId, long bandId, Direction direction, long currentKbps, long targetKbps, long originalKbps);
}
