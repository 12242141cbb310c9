using Microsoft.Extensions.Logging;
using SpeedUp.Core.Channels;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Prechecks;
using SpeedUp.Core.Statistics;
using SpeedUp.Core.Telemetry;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Sessions;

/// <summary>What a start asks the applier for, after validation, the pre-check and the order check.</summary>
public sealed record SpeedUpPlan(Precheck Precheck, Direction Direction, int TargetMbps, string Scene, TimeSpan Duration, SessionAttribution? Attribution = null)
{
    /// <summary>Target rate, kbit/s.</summary>
    public long TargetKbps => TargetMbps * 1000L;
}

/// <summary>
/// Applies a speed-up, never twice. The scheduler runs the attempt on the able channels, best first; this class only
/// decides. Each attempt reads the line: the first read fixes the original rate, and the session is journalled (with
/// capacity leased on that channel) before any write. When an earlier attempt's write has an unknown outcome, a line
/// already at the target was changed by it and is only marked active. The session records the channel that confirmed
/// the rate. When no channel can finish, the original rate is restored (or the restore is journalled for the sweeper)
/// and the caller gets the product error. A start refused before any session was journalled (no channel can serve it,
/// every channel full, none could read the line) is recorded by <see cref="RefusedStartRecorder"/> for the statistics.
/// The caller holds the line's lock.
/// </summary>
public sealed partial class SpeedUpApplier(
    ISupplyScheduler scheduler,
    ISessionStore sessions,
    SessionRestorer restorer,
    SessionMetrics metrics,
    TimeProvider time,
    ILogger<SpeedUpApplier> logger,
    RefusedStartRecorder refusals)
{
    /// <summary>Applies <paramref name="plan"/>; returns the active session.</summary>
    public async Task<SpeedUpSession> ApplyAsync(SpeedUpPlan plan, CancellationToken cancellationToken)
    {
        var precheck = plan.Precheck;
        var demand = new ChannelDemand(precheck.Carrier, precheck.Province, plan.Direction, plan.TargetMbps);
        if (!scheduler.CanServe(demand))
        {
            metrics.Unsupported(precheck.Carrier, precheck.Province);
            var unsupported = new SpeedUpException(ProductErrorCode.SpeedUpUnsupported, FailureKind.FailedPrecondition,
                $"No supply channel can apply {plan.TargetMbps} Mbps {plan.Direction} for {precheck.Carrier} in {precheck.Province}.");
            await refusals.RecordAsync(plan, unsupported).ConfigureAwait(false);
            throw unsupported;
        }

        var apply = new Attempts(this, plan, SpeedUpSession.NewId());
        try
        {
            var applied = await scheduler.RunAsync(
                new ChannelRequest($"speed band {precheck.BandId} {plan.Direction} up to {plan.TargetMbps} Mbps", demand,
                    CustomerId: precheck.CustomerId),
                apply.RunAsync, cancellationToken).ConfigureAwait(false);
            metrics.Applied(applied);
            return applied;
        }
        catch (SpeedUpException error)
        {
            metrics.ApplyFailed(precheck.Carrier, precheck.Province, apply.Session?.ChannelName, error.Code);
            if (apply.Session is null)
            {
                // Refused before anything was journalled: the sessions will never show it, the refusal record does.
                await refusals.RecordAsync(plan, error).ConfigureAwait(false);
                throw;
            }

            if (apply.Session is not { State: SessionState.Applying } session)
            {
                throw;
            }

            // Journalled but not confirmed anywhere: put the original back (or leave it to the sweeper).
            if (apply.WriteOutcomeUnknown)
            {
                session.MarkUncertainWrite();
            }

            LogApplyFailed(session.Id, session.BandId, error.Diagnostic);
            session.BeginRestore(EndReason.ApplyFailed, Now);
            session.RecordFailure(error.Diagnostic);
            await restorer.RestoreAsync(session, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private DateTimeOffset Now => time.GetUtcNow();


    private ISessionStore Sessions => sessions;

    private static void RequireSpeedUp(SpeedUpPlan plan, SubscriberLine line, long original)
    {
        if (original >= plan.TargetKbps || plan.TargetKbps > line.Capability.MaxOf(plan.Direction) || !line.Capability.SpeedUpPermitted)
        {
            throw new SpeedUpException(ProductErrorCode.SpeedUpUnsupported, FailureKind.FailedPrecondition,
                $"The line of band_id {line.BandId} now runs {plan.Direction} at {original} kbit/s with a ceiling of {line.Capability.MaxOf(plan.Direction)} kbit/s; {plan.TargetMbps} Mbps is not a speed-up.");
        }
    }

    private async Task<SpeedUpSession> ActivateAsync(SpeedUpSession session)
    {
        session.MarkActive(Now);
        await sessions.UpdateAsync(session, CancellationToken.None).ConfigureAwait(false);
        LogStarted(session.Id, session.BandId, session.Direction, session.TargetKbps, session.OriginalKbps, session.DueAt, session.ChannelName);
        return session;
    }

    /// <summary>The business decisions of one start, attempt after attempt: the session exists from the first read on.</summary>
    private sealed class Attempts(SpeedUpApplier applier, SpeedUpPlan plan, string sessionId)
    {
        private ChannelAttempt? _last;

        /// <summary>The journalled session; null until the first channel read the line.</summary>
        public SpeedUpSession? Session { get; private set; }

        /// <summary>Whether a write of the run may have landed without its answer.</summary>
        public bool WriteOutcomeUnknown => _last?.WriteOutcomeUnknown ?? false;

        public async Task<SpeedUpSession> RunAsync(ChannelAttempt attempt, CancellationToken cancellationToken)
        {
            _last = attempt;
            var precheck = plan.Precheck;
            var reference = new LineReference(precheck.BandId, precheck.Account);

            // Once journalled, the session must reach a final state even if the caller goes away.
            var line = await attempt.ReadLineAsync(reference, Session is null ? cancellationToken : CancellationToken.None).ConfigureAwait(false);
            var current = line.Current.Of(plan.Direction);
            if (Session is null)
            {
                RequireSpeedUp(plan, line, current);
                await using var lease = await attempt.LeaseCapacityAsync(sessionId, plan.TargetKbps - current, cancellationToken).ConfigureAwait(false);
                Session = SpeedUpSession.Begin(sessionId, precheck.BandId, precheck.Account, precheck.IpAddress, precheck.Port,
                    precheck.Carrier, precheck.Province, attempt.ChannelName, plan.Direction, plan.TargetKbps, current, plan.Scene,
                    applier.Now, plan.Duration, plan.Attribution);
                await JournalAsync(Session, cancellationToken).ConfigureAwait(false);
                return await WriteAsync(attempt, lease, reference).ConfigureAwait(false);
            }

            await using (var lease = await attempt.LeaseCapacityAsync(sessionId, plan.TargetKbps - Session.OriginalKbps, CancellationToken.None).ConfigureAwait(false))
            {
                if (attempt.WriteOutcomeUnknown)
                {
                    Session.MarkUncertainWrite();
                }

                applier.LogMoved(Session.Id, Session.ChannelName, attempt.ChannelName, current);
                Session.MoveTo(attempt.ChannelName);
                await applier.Sessions.UpdateAsync(Session, CancellationToken.None).ConfigureAwait(false);
                if (current == plan.TargetKbps)
                {
                    // The earlier channel's write did land: writing again would apply twice.
                    await lease.KeepAsync(CancellationToken.None).ConfigureAwait(false);
                    return await applier.ActivateAsync(Session).ConfigureAwait(false);
                }

                return await WriteAsync(attempt, lease, reference).ConfigureAwait(false);
            }
        }

        private async Task<SpeedUpSession> WriteAsync(ChannelAttempt attempt, CapacityLease lease, LineReference reference)
        {
            await attempt.SetRateAsync(reference, plan.Direction, plan.TargetKbps, CancellationToken.None).ConfigureAwait(false);
            await lease.KeepAsync(CancellationToken.None).ConfigureAwait(false);
            return await applier.ActivateAsync(Session!).ConfigureAwait(false);
        }

        private async Task JournalAsync(SpeedUpSession session, CancellationToken cancellationToken)
        {
            try
            {
                await applier.Sessions.InsertAsync(session, cancellationToken).ConfigureAwait(false);
            }
            catch (SessionConflictException e)
            {
                Session = null;
                throw new SpeedUpException(ProductErrorCode.InvalidParameters, FailureKind.AlreadyExists, e.Message, e);
            }
            catch
            {
                Session = null;
                throw;
            }
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Speed-up {SessionId} started: band {BandId} {Direction} {TargetKbps} kbit/s (was {OriginalKbps}), due {DueAt}, through {Channel}")]
    private partial void LogStarted(string sessionId, long bandId, Direction direction, long targetKbps, long originalKbps, DateTimeOffset dueAt, string channel);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "Speed-up {SessionId} of band {BandId} could not be applied: {Failure}")]
    private partial void LogApplyFailed(string sessionId, long bandId, string failure);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning,
        Message = "Speed-up {SessionId} moves from channel {From} to {To}, which reads the line at {CurrentKbps} kbit/s")]
    private partial void LogMoved(string sessionId, string from, string to, long currentKbps);
}
