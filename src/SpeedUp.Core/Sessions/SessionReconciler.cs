using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Channels;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Telemetry;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Sessions;

/// <summary>
/// Compares the journal with the equipment. Every <see cref="SpeedUpSessionOptions.ReconcileInterval"/>, each active session's line is read
/// (at most <see cref="SpeedUpSessionOptions.ReconcileReadsPerSecond"/> a second; beyond what a pass may read, a slice of
/// them per pass: <see cref="ReconcileSlice"/>):
/// a line back at its original rate lost the speed-up on the device (a BRAS reboot resets every line to its plan) and
/// gets the target re-applied, since the customer's session is still running; a line at any other rate was changed
/// by someone else and is only reported (the restore puts the original back at the end). Sessions that ended within
/// <see cref="SpeedUpSessionOptions.VerifyEndedFor"/> after a write of unknown outcome (a channel fault) are read too:
/// a line found at their target with no open session got that write late, and its original rate is put back.
/// </summary>
public sealed partial class SessionReconciler(
    ISessionStore sessions,
    ISupplyScheduler scheduler,
    ILineLocks locks,
    IOptions<SpeedUpSessionOptions> options,
    SessionMetrics metrics,
    TimeProvider time,
    ILogger<SessionReconciler> logger)
{
    /// <summary>How many active sessions a pass reads from the store at once.</summary>
    public const int PageSize = 1000;

    private long _undone;

    /// <summary>Late-landing writes undone since start-up.</summary>
    public long Undone => Interlocked.Read(ref _undone);

    private long _reapplied;

    /// <summary>Speed-ups re-applied since start-up.</summary>
    public long Reapplied => Interlocked.Read(ref _reapplied);

    /// <summary>
    /// Checks the active, not yet due sessions of this pass's slice (all of them while they fit the pass's budget)
    /// against their lines, at most <see cref="SpeedUpSessionOptions.ReconcileReadsPerSecond"/> reads a second. Returns
    /// how many were re-applied.
    /// </summary>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        var reapplied = 0;
        var started = time.GetUtcNow();
        var active = await sessions.CountActiveDueAfterAsync(started, cancellationToken).ConfigureAwait(false);
        var slice = ReconcileSlice.For(active, started, options.Value);
        var pacer = new ReadPacer(options.Value.ReconcileReadsPerSecond, time);
        LogPass(active, slice.Index, slice.Count);
        await foreach (var candidate in ActiveSessionsAsync(started, cancellationToken).ConfigureAwait(false))
        {
            if (!slice.Contains(candidate.Id) || candidate.DueAt <= time.GetUtcNow())
            {
                continue;
            }

            await pacer.WaitAsync(cancellationToken).ConfigureAwait(false);

            // A line at its target needs nothing, and that is almost every line: it is looked at without the line's lock
            // and without reading the session again (a lock and a read per session cost more than the device read at
            // 100,000 active sessions; docs/benchmarks.md, scenario due). Anything else is decided under the lock.
            if (await IsAtTargetAsync(candidate, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            await using var _ = await locks.AcquireAsync(candidate.BandId, cancellationToken).ConfigureAwait(false);
            var session = await sessions.FindOpenAsync(candidate.BandId, candidate.Direction, cancellationToken).ConfigureAwait(false);
            if (session is null || session.Id != candidate.Id || session.State != SessionState.Active)
            {
                continue;
            }

            if (await ReconcileAsync(session, cancellationToken).ConfigureAwait(false))
            {
                reapplied++;
            }
        }

        await VerifyEndedAsync(cancellationToken).ConfigureAwait(false);
        return reapplied;
    }

    /// <summary>
    /// The Active sessions due after <paramref name="after"/>, read <see cref="PageSize"/> at a time: a pass holds one
    /// page in memory, not every active session (500–600 MiB at 100,000 when it listed them all).
    /// </summary>
    private async IAsyncEnumerable<SpeedUpSession> ActiveSessionsAsync(
        DateTimeOffset after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        SpeedUpSession? last = null;
        while (true)
        {
            var page = await sessions.ListActiveDueAfterAsync(after, last, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var session in page)
            {
                yield return session;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            last = page[^1];
        }
    }

    /// <summary>Undoes late-landing writes of recently ended sessions. Returns how many lines were put back.</summary>
    public async Task<int> VerifyEndedAsync(CancellationToken cancellationToken)
    {
        var undone = 0;
        var since = time.GetUtcNow() - options.Value.VerifyEndedFor;
        foreach (var ended in await sessions.ListEndedWithUncertainWritesAsync(since, cancellationToken).ConfigureAwait(false))
        {
            await using var _ = await locks.AcquireAsync(ended.BandId, cancellationToken).ConfigureAwait(false);
            if (await sessions.FindOpenAsync(ended.BandId, ended.Direction, cancellationToken).ConfigureAwait(false) is not null)
            {
                continue; // a newer session owns the line's rate now
            }

            if (await UndoLateWriteAsync(ended, cancellationToken).ConfigureAwait(false))
            {
                undone++;
            }
        }

        return undone;
    }

    private async Task<bool> UndoLateWriteAsync(SpeedUpSession ended, CancellationToken cancellationToken)
    {
        try
        {
            return await scheduler.RunAsync(SessionRestorer.RequestFor(ended, "verify ended"), async (attempt, ct) =>
            {
                var line = await attempt.ReadLineAsync(ended.Reference(), ct).ConfigureAwait(false);
                if (line.Current.Of(ended.Direction) != ended.TargetKbps || ended.TargetKbps == ended.OriginalKbps)
                {
                    return false;
                }

                LogLateWrite(ended.Id, ended.BandId, ended.Direction, ended.TargetKbps, ended.OriginalKbps, attempt.ChannelName);
                await attempt.SetRateAsync(ended.Reference(), ended.Direction, ended.OriginalKbps, ct).ConfigureAwait(false);
                Interlocked.Increment(ref _undone);
                metrics.LateWriteUndone(ended, attempt.ChannelName);
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (SpeedUpException e)
        {
            LogCheckFailed(ended.Id, ended.BandId, e.Diagnostic);
            return false;
        }
    }

    /// <summary>Whether the line runs at the session's target (true too when it cannot be read: that is logged).</summary>
    private async Task<bool> IsAtTargetAsync(SpeedUpSession session, CancellationToken cancellationToken)
    {
        try
        {
            return await scheduler.RunAsync(SessionRestorer.RequestFor(session, "reconcile"), async (attempt, ct) =>
            {
                var line = await attempt.ReadLineAsync(session.Reference(), ct).ConfigureAwait(false);
                return line.Current.Of(session.Direction) == session.TargetKbps;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (SpeedUpException e)
        {
            LogCheckFailed(session.Id, session.BandId, e.Diagnostic);
            return true;
        }
    }

    private async Task<bool> ReconcileAsync(SpeedUpSession session, CancellationToken cancellationToken)
    {
        try
        {
            return await scheduler.RunAsync(SessionRestorer.RequestFor(session, "reconcile"),
                (attempt, ct) => ReapplyIfLostAsync(session, attempt, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (SpeedUpException e)
        {
            LogCheckFailed(session.Id, session.BandId, e.Diagnostic);
            return false;
        }
    }

    /// <summary>Re-applies the target of a session whose line is back at its original rate; false when nothing was done.</summary>
    private async Task<bool> ReapplyIfLostAsync(SpeedUpSession session, ChannelAttempt attempt, CancellationToken cancellationToken)
    {
        var line = await attempt.ReadLineAsync(session.Reference(), cancellationToken).ConfigureAwait(false);
        var current = line.Current.Of(session.Direction);
        if (current == session.TargetKbps)
        {
            return false;
        }

        if (current != session.OriginalKbps)
        {
            LogChangedElsewhere(session.Id, session.BandId, session.Direction, current, session.TargetKbps);
            return false;
        }

        LogLost(session.Id, session.BandId, session.Direction, session.TargetKbps, attempt.ChannelName);
        await attempt.SetRateAsync(session.Reference(), session.Direction, session.TargetKbps, cancellationToken).ConfigureAwait(false);
        session.MarkReapplied(time.GetUtcNow());
        await using var lease = attempt.ChannelName == session.ChannelName
            ? null
            : await attempt.TryLeaseCapacityAsync(session.Id, session.TargetKbps - session.OriginalKbps, cancellationToken).ConfigureAwait(false);
        if (lease is not null)
        {
            session.MoveTo(attempt.ChannelName);
        }

        await sessions.UpdateAsync(session, cancellationToken).ConfigureAwait(false);
        if (lease is not null)
        {
            await lease.KeepAsync(cancellationToken).ConfigureAwait(false);
        }

        Interlocked.Increment(ref _reapplied);
        metrics.Reapplied(session, attempt.ChannelName);
        return true;
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning,
        Message = "Session {SessionId}: band {BandId} {Direction} is back at its original rate on the device (reboot?); re-applying {TargetKbps} kbit/s through {Channel}")]
    private partial void LogLost(string sessionId, long bandId, Direction direction, long targetKbps, string channel);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning,
        Message = "Session {SessionId}: band {BandId} {Direction} runs at {CurrentKbps} kbit/s instead of {TargetKbps}; changed outside this service, left as is")]
    private partial void LogChangedElsewhere(string sessionId, long bandId, Direction direction, long currentKbps, long targetKbps);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Warning,
        Message = "Session {SessionId} has ended but band {BandId} {Direction} runs at its target {TargetKbps} kbit/s: a write landed late. Putting {OriginalKbps} back through {Channel}")]
    private partial void LogLateWrite(string sessionId, long bandId, Direction direction, long targetKbps, long originalKbps, string channel);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Debug,
        Message = "Reconcile pass: {Active} active session(s), reading slice {Slice} of {Slices}")]
    private partial void LogPass(int active, int slice, int slices);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning,
        Message = "Session {SessionId}: band {BandId} could not be checked: {Error}")]
    private partial void LogCheckFailed(string sessionId, long bandId, string error);
}
