using Microsoft.Extensions.Logging;
using SpeedUp.Core.Channels;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Sessions;

/// <summary>
/// Puts original rates back: at the end of a session, for due sessions (swept periodically), and at start-up for
/// sessions the service left open when it stopped or crashed. A restore that fails stays journalled as
/// <see cref="SessionState.Restoring"/> and is retried by the next sweep, so no line stays sped up.
/// </summary>
public sealed partial class SessionRestorer(
    ISessionStore sessions,
    ISupplyChannels channels,
    LineLocks locks,
    TimeProvider time,
    ILogger<SessionRestorer> logger)
{
    private readonly DateTimeOffset _processStartedAt = time.GetUtcNow();

    /// <summary>
    /// Restores the original rate of a session already in <see cref="SessionState.Restoring"/> (the caller holds
    /// the line's lock). Returns whether the device confirmed it; the session is saved either way.
    /// </summary>
    public async Task<bool> RestoreAsync(SpeedUpSession session, CancellationToken cancellationToken)
    {
        await sessions.UpdateAsync(session, cancellationToken).ConfigureAwait(false);
        ChannelRoute route;
        try
        {
            route = channels.Get(session.ChannelName);
        }
        catch (KeyNotFoundException e)
        {
            session.RecordFailure(e.Message);
            await sessions.UpdateAsync(session, cancellationToken).ConfigureAwait(false);
            LogRestoreFailed(session.Id, session.BandId, session.ChannelName, e.Message);
            return false;
        }

        try
        {
            var line = await route.Driver.ReadLineAsync(session.Reference(), cancellationToken).ConfigureAwait(false);
            var current = line.Current.Of(session.Direction);
            if (current != session.OriginalKbps)
            {
                if (current != session.TargetKbps)
                {
                    LogDrift(session.Id, session.BandId, session.Direction, current, session.TargetKbps, session.OriginalKbps);
                }

                await route.Driver.SetRateAsync(session.Reference(), session.Direction, session.OriginalKbps, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
        catch (DriverException e)
        {
            session.RecordFailure(e.Message);
            await sessions.UpdateAsync(session, cancellationToken).ConfigureAwait(false);
            LogRestoreFailed(session.Id, session.BandId, session.ChannelName, e.Message);
            return false;
        }

        session.MarkEnded(time.GetUtcNow());
        await sessions.UpdateAsync(session, cancellationToken).ConfigureAwait(false);
        LogRestored(session.Id, session.BandId, session.Direction, session.OriginalKbps, session.EndReason);
        return true;
    }

    /// <summary>Restores every session that is due, or was left half-way by an earlier run. Returns how many ended.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var ended = 0;
        var candidates = await sessions.ListNeedingRestoreAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        foreach (var candidate in candidates)
        {
            using var _ = await locks.AcquireAsync(candidate.BandId, cancellationToken).ConfigureAwait(false);

            // Re-read under the lock: a concurrent stop may have ended it, or a start may just have finished.
            var session = await sessions.FindOpenAsync(candidate.BandId, candidate.Direction, cancellationToken).ConfigureAwait(false);
            if (session is null || session.Id != candidate.Id)
            {
                continue;
            }

            var now = time.GetUtcNow();
            switch (session.State)
            {
                case SessionState.Active when session.DueAt > now:
                    continue;
                case SessionState.Active:
                    session.BeginRestore(session.DueAt < _processStartedAt ? EndReason.RestoredAfterRestart : EndReason.Expired);
                    break;
                case SessionState.Applying:
                    // Nobody applies outside the lock, so an Applying session here was orphaned by a crash.
                    session.BeginRestore(EndReason.RestoredAfterRestart);
                    break;
            }

            if (await RestoreAsync(session, cancellationToken).ConfigureAwait(false))
            {
                ended++;
            }
        }

        return ended;
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Session {SessionId} ended: band {BandId} {Direction} back to {OriginalKbps} kbit/s ({Reason})")]
    private partial void LogRestored(string sessionId, long bandId, Direction direction, long originalKbps, EndReason reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error,
        Message = "Session {SessionId}: restoring band {BandId} through {Channel} failed, will retry: {Error}")]
    private partial void LogRestoreFailed(string sessionId, long bandId, string channel, string error);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning,
        Message = "Session {SessionId}: band {BandId} {Direction} runs at {CurrentKbps} kbit/s, neither the target {TargetKbps} nor the original {OriginalKbps}; someone changed it. Restoring the original.")]
    private partial void LogDrift(string sessionId, long bandId, Direction direction, long currentKbps, long targetKbps, long originalKbps);
}
