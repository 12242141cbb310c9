using Microsoft.Extensions.Logging;
using SpeedUp.Core.Channels;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Prechecks;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Sessions;

/// <summary>What a start asks the applier for, after validation, the pre-check and the order check.</summary>
public sealed record SpeedUpPlan(Precheck Precheck, Direction Direction, int TargetMbps, string Scene, TimeSpan Duration, SessionAttribution? Attribution = null)
{
    /// <summary>Target rate, kbit/s.</summary>
    public long TargetKbps => TargetMbps * 1000L;
}

/// <summary>
/// Applies a speed-up through the candidate channels, best first, never twice: each candidate reads the line before
/// it writes. The first read fixes the original rate and the session is journalled (with capacity reserved on that
/// channel) before any write. When a write fails with a channel fault its outcome is unknown, so the next candidate
/// reads first: a line already at the target was changed by the earlier write and is only marked active. The session
/// records the channel that confirmed the rate. When no candidate can finish, the original rate is restored (or the
/// restore is journalled for the sweeper) and the caller gets the product error. The caller holds the line's lock.
/// </summary>
public sealed partial class SpeedUpApplier(
    ISupplyChannels channels,
    ISessionStore sessions,
    SessionRestorer restorer,
    TimeProvider time,
    ILogger<SpeedUpApplier> logger)
{
    /// <summary>Applies <paramref name="plan"/>; returns the active session.</summary>
    public async Task<SpeedUpSession> ApplyAsync(SpeedUpPlan plan, CancellationToken cancellationToken)
    {
        var precheck = plan.Precheck;
        var what = $"speed band {precheck.BandId} {plan.Direction} up to {plan.TargetMbps} Mbps";
        var candidates = channels.Candidates(new ChannelDemand(precheck.Carrier, precheck.Province, plan.Direction, plan.TargetMbps));
        if (candidates.Count == 0)
        {
            throw new SpeedUpException(ProductErrorCode.SpeedUpUnsupported, FailureKind.FailedPrecondition,
                $"No supply channel can apply {plan.TargetMbps} Mbps {plan.Direction} for {precheck.Carrier} in {precheck.Province}.");
        }

        var sessionId = SpeedUpSession.NewId();
        var reference = new LineReference(precheck.BandId, precheck.Account);
        var failures = new ChannelFailures();
        SpeedUpSession? session = null;
        foreach (var route in candidates)
        {
            SubscriberLine line;
            try
            {
                // Once journalled, the session must reach a final state even if the caller goes away.
                line = await route.Driver.ReadLineAsync(reference, session is null ? cancellationToken : CancellationToken.None)
                    .ConfigureAwait(false);
            }
            catch (DriverException e) when (e.IsChannelFault)
            {
                failures.Add(route, e);
                channels.RecordFailover(route.ChannelName, "start (read)", e.Failure.ToString());
                continue;
            }
            catch (DriverException e)
            {
                throw await FailAsync(session, route, e).ConfigureAwait(false);
            }

            var current = line.Current.Of(plan.Direction);
            if (session is null)
            {
                RequireSpeedUp(plan, line, current);
                if (!channels.TryReserve(route.ChannelName, sessionId, plan.TargetKbps - current))
                {
                    failures.AddFull(route);
                    continue;
                }

                session = SpeedUpSession.Begin(sessionId, precheck.BandId, precheck.Account, precheck.IpAddress, precheck.Port,
                    precheck.Carrier, precheck.Province, route.ChannelName, plan.Direction, plan.TargetKbps, current, plan.Scene,
                    time.GetUtcNow(), plan.Duration, plan.Attribution);
                await JournalAsync(session, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                if (!channels.TryReserve(route.ChannelName, sessionId, plan.TargetKbps - session.OriginalKbps))
                {
                    failures.AddFull(route);
                    continue;
                }

                LogMoved(session.Id, session.ChannelName, route.ChannelName, current);
                session.MoveTo(route.ChannelName);
                await sessions.UpdateAsync(session, CancellationToken.None).ConfigureAwait(false);
                if (current == plan.TargetKbps)
                {
                    // The earlier channel's write did land: writing again would apply twice.
                    return await ActivateAsync(session).ConfigureAwait(false);
                }
            }

            try
            {
                await route.Driver.SetRateAsync(reference, plan.Direction, plan.TargetKbps, CancellationToken.None).ConfigureAwait(false);
            }
            catch (DriverException e) when (e.IsChannelFault || e.Failure == DriverFailure.NotConfirmed)
            {
                session.MarkUncertainWrite();
                failures.Add(route, e);
                channels.RecordFailover(route.ChannelName, "start (write)", e.Failure.ToString());
                continue;
            }
            catch (DriverException e)
            {
                throw await FailAsync(session, route, e).ConfigureAwait(false);
            }

            return await ActivateAsync(session).ConfigureAwait(false);
        }

        var error = failures.ToProductError(what);
        if (session is not null)
        {
            // Journalled but not confirmed anywhere: put the original back (or leave it to the sweeper).
            LogApplyFailed(session.Id, session.BandId, error.Message);
            session.BeginRestore(EndReason.ApplyFailed);
            session.RecordFailure(error.Message);
            await restorer.RestoreAsync(session, CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            channels.Release(sessionId);
        }

        throw error;
    }

    private static void RequireSpeedUp(SpeedUpPlan plan, SubscriberLine line, long original)
    {
        if (original >= plan.TargetKbps || plan.TargetKbps > line.Capability.MaxOf(plan.Direction) || !line.Capability.SpeedUpPermitted)
        {
            throw new SpeedUpException(ProductErrorCode.SpeedUpUnsupported, FailureKind.FailedPrecondition,
                $"The line of band_id {line.BandId} now runs {plan.Direction} at {original} kbit/s with a ceiling of {line.Capability.MaxOf(plan.Direction)} kbit/s; {plan.TargetMbps} Mbps is not a speed-up.");
        }
    }

    private async Task JournalAsync(SpeedUpSession session, CancellationToken cancellationToken)
    {
        try
        {
            await sessions.InsertAsync(session, cancellationToken).ConfigureAwait(false);
        }
        catch (SessionConflictException e)
        {
            channels.Release(session.Id);
            throw new SpeedUpException(ProductErrorCode.InvalidParameters, FailureKind.AlreadyExists, e.Message, e);
        }
        catch
        {
            channels.Release(session.Id);
            throw;
        }
    }

    private async Task<SpeedUpSession> ActivateAsync(SpeedUpSession session)
    {
        session.MarkActive();
        await sessions.UpdateAsync(session, CancellationToken.None).ConfigureAwait(false);
        LogStarted(session.Id, session.BandId, session.Direction, session.TargetKbps, session.OriginalKbps, session.DueAt, session.ChannelName);
        return session;
    }

    /// <summary>A final (not channel) failure: restores a journalled session and returns the caller's error.</summary>
    private async Task<SpeedUpException> FailAsync(SpeedUpSession? session, ChannelRoute route, DriverException e)
    {
        if (session is null)
        {
            return e.ToProductError(route.ChannelName);
        }

        LogApplyFailed(session.Id, session.BandId, $"{route.ChannelName}: {e.Failure}: {e.Message}");
        session.BeginRestore(EndReason.ApplyFailed);
        session.RecordFailure(e.Message);
        await restorer.RestoreAsync(session, CancellationToken.None).ConfigureAwait(false);
        return e.ToProductError(route.ChannelName);
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
