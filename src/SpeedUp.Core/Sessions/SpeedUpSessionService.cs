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
/// Starts, stops and reports speed-ups. Validates requests, checks the pre-check and that no session is open, then
/// hands the apply to <see cref="SpeedUpApplier"/> (journal before write, failover without applying twice); every
/// change of a line is serialized by <see cref="LineLocks"/>; stops go through <see cref="SessionRestorer"/>.
/// </summary>
public sealed class SpeedUpSessionService(
    PrecheckGuard prechecks,
    OfferCatalogue catalogue,
    SpeedUpApplier applier,
    ISessionStore sessions,
    SessionRestorer restorer,
    LineLocks locks,
    IOptions<SpeedUpSessionOptions> options)
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

        return await applier.ApplyAsync(new SpeedUpPlan(precheck, direction, targetMbps, scene, duration), cancellationToken)
            .ConfigureAwait(false);
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
}
