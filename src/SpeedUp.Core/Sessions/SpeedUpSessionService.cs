using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Catalogue;
using SpeedUp.Core.Channels;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Prechecks;
using SpeedUp.Core.Validation;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Sessions;

/// <summary>
/// Starts, stops and reports speed-ups. A start journals its intent (with the original rate) before touching the
/// device; every change of a line is serialized; a failed apply puts the original rate back.
/// </summary>
public sealed partial class SpeedUpSessionService(
    PrecheckGuard prechecks,
    OfferCatalogue catalogue,
    ISupplyChannels channels,
    ISessionStore sessions,
    SessionRestorer restorer,
    LineLocks locks,
    IOptions<SpeedUpSessionOptions> options,
    TimeProvider time,
    ILogger<SpeedUpSessionService> logger)
{
    /// <summary>Speeds up one direction of a pre-checked line.</summary>
    public async Task<SpeedUpSession> StartAsync(StartSpeedUpCommand command, CancellationToken cancellationToken)
    {
        var address = RequestValidator.IpAddress(command.IpAddress);
        var port = RequestValidator.Port(command.Port);
        var bandId = RequestValidator.BandId(command.BandId);
        var direction = RequestValidator.Direction(command.Direction);
        var targetMbps = RequestValidator.TargetBandwidth(direction, command.TargetBandwidthMbps);
        var scene = RequestValidator.Scene(command.Scene);
        var duration = options.Value.Effective(RequestValidator.Duration(command.DurationMinutes, options.Value.MaxDuration));
        if (!catalogue.IsKnownTier(direction, targetMbps))
        {
            throw SpeedUpException.InvalidParameter($"{targetMbps} Mbps {direction} is not a speed-up tier of the product.");
        }

        var precheck = await prechecks.RequireValidAsync(bandId, cancellationToken).ConfigureAwait(false);
        if (!precheck.IpAddress.Equals(address) || precheck.Port != port)
        {
            throw SpeedUpException.InvalidParameter(
                $"band_id {bandId} was pre-checked for {precheck.IpAddress} port {precheck.Port}, not {address} port {port}.");
        }

        if (!precheck.Offers.Any(o => o.Direction == direction && o.BandwidthMbps == targetMbps))
        {
            throw new SpeedUpException(ProductErrorCode.SpeedUpUnsupported, FailureKind.FailedPrecondition,
                $"The line of band_id {bandId} cannot be sped up to {targetMbps} Mbps {direction} (see the pre-check's offers).");
        }

        using var _ = await locks.AcquireAsync(bandId, cancellationToken).ConfigureAwait(false);
        if (await sessions.FindOpenAsync(bandId, direction, cancellationToken).ConfigureAwait(false) is { } open)
        {
            throw new SpeedUpException(ProductErrorCode.InvalidParameters, FailureKind.AlreadyExists,
                $"band_id {bandId} already has a speed-up {direction} ({open.TargetKbps / 1000} Mbps, session {open.Id}); stop it first.");
        }

        var route = channels.Get(precheck.ChannelName);
        var line = await ReadLineAsync(route, precheck.Line, cancellationToken).ConfigureAwait(false);
        var original = line.Current.Of(direction);
        var target = targetMbps * 1000L;
        if (original >= target || target > line.Capability.MaxOf(direction) || !line.Capability.SpeedUpPermitted)
        {
            throw new SpeedUpException(ProductErrorCode.SpeedUpUnsupported, FailureKind.FailedPrecondition,
                $"The line of band_id {bandId} now runs {direction} at {original} kbit/s with a ceiling of {line.Capability.MaxOf(direction)} kbit/s; {targetMbps} Mbps is not a speed-up.");
        }

        var session = SpeedUpSession.Begin(bandId, precheck.Account, address, port, precheck.Carrier, precheck.Province,
            route.ChannelName, direction, target, original, scene, time.GetUtcNow(), duration);
        try
        {
            await sessions.InsertAsync(session, cancellationToken).ConfigureAwait(false);
        }
        catch (SessionConflictException e)
        {
            throw new SpeedUpException(ProductErrorCode.InvalidParameters, FailureKind.AlreadyExists, e.Message, e);
        }

        try
        {
            // The device is changed even if the caller goes away: the journal entry must reach a final state.
            await route.Driver.SetRateAsync(session.Reference(), direction, target, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DriverException e)
        {
            LogApplyFailed(session.Id, bandId, route.ChannelName, e.Failure);
            session.BeginRestore(EndReason.ApplyFailed);
            session.RecordFailure(e.Message);
            await restorer.RestoreAsync(session, CancellationToken.None).ConfigureAwait(false);
            throw e.ToProductError(route.ChannelName);
        }

        session.MarkActive();
        await sessions.UpdateAsync(session, CancellationToken.None).ConfigureAwait(false);
        LogStarted(session.Id, bandId, direction, target, original, session.DueAt);
        return session;
    }

    /// <summary>Ends the speed-up of one direction and restores the original rate.</summary>
    public async Task<SpeedUpSession> StopAsync(StopSpeedUpCommand command, CancellationToken cancellationToken)
    {
        var address = RequestValidator.IpAddress(command.IpAddress);
        var port = RequestValidator.Port(command.Port);
        var bandId = RequestValidator.BandId(command.BandId);
        var direction = RequestValidator.Direction(command.Direction);

        using var _ = await locks.AcquireAsync(bandId, cancellationToken).ConfigureAwait(false);
        var session = await sessions.FindOpenAsync(bandId, direction, cancellationToken).ConfigureAwait(false);
        if (session is null || session.State == SessionState.Applying)
        {
            throw new SpeedUpException(ProductErrorCode.InvalidParameters, FailureKind.NotFound,
                $"band_id {bandId} has no active speed-up {direction}.");
        }

        if (!session.IpAddress.Equals(address) || session.Port != port)
        {
            throw SpeedUpException.InvalidParameter(
                $"The speed-up of band_id {bandId} was started for {session.IpAddress} port {session.Port}, not {address} port {port}.");
        }

        session.BeginRestore(EndReason.Stopped);
        if (!await restorer.RestoreAsync(session, CancellationToken.None).ConfigureAwait(false))
        {
            throw new SpeedUpException(ProductErrorCode.SystemError, FailureKind.Unavailable,
                $"The original rate of band_id {bandId} could not be restored yet ({session.LastError}); it will be retried until it is.");
        }

        return session;
    }

    /// <summary>The latest session of each direction of a line.</summary>
    public async Task<LineStatus> StatusAsync(long bandId, CancellationToken cancellationToken)
    {
        bandId = RequestValidator.BandId(bandId);
        var up = await sessions.FindLatestAsync(bandId, Direction.Up, cancellationToken).ConfigureAwait(false);
        var down = await sessions.FindLatestAsync(bandId, Direction.Down, cancellationToken).ConfigureAwait(false);
        return new LineStatus(bandId, up, down);
    }

    private static async Task<SubscriberLine> ReadLineAsync(ChannelRoute route, LineReference line, CancellationToken cancellationToken)
    {
        try
        {
            return await route.Driver.ReadLineAsync(line, cancellationToken).ConfigureAwait(false);
        }
        catch (DriverException e)
        {
            throw e.ToProductError(route.ChannelName);
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Speed-up {SessionId} started: band {BandId} {Direction} {TargetKbps} kbit/s (was {OriginalKbps}), due {DueAt}")]
    private partial void LogStarted(string sessionId, long bandId, Direction direction, long targetKbps, long originalKbps, DateTimeOffset dueAt);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "Speed-up {SessionId} of band {BandId} could not be applied through {Channel}: {Failure}")]
    private partial void LogApplyFailed(string sessionId, long bandId, string channel, DriverFailure failure);
}
