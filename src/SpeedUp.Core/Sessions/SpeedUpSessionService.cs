using System.Globalization;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Catalogue;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Orders;
using SpeedUp.Core.Prechecks;
using SpeedUp.Core.Validation;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Sessions;

/// <summary>
/// Starts, stops and reports a customer's speed-ups. Validates requests, checks the customer's pre-check, that no
/// session is open and that a usable order pays for it, then hands the apply to <see cref="SpeedUpApplier"/> (journal
/// before write, failover without applying twice); every change of a line is serialized by <see cref="ILineLocks"/>;
/// stops go through <see cref="SessionRestorer"/>. Another customer's sessions answer as if they did not exist.
/// </summary>
public sealed class SpeedUpSessionService(
    PrecheckGuard prechecks,
    OfferCatalogue catalogue,
    SpeedUpApplier applier,
    ISessionStore sessions,
    SessionRestorer restorer,
    ILineLocks locks,
    IOptions<SpeedUpSessionOptions> options,
    IOrderStore orders,
    TimeProvider time)
{
    /// <summary>
    /// Speeds up one direction of a pre-checked line for <paramref name="customerId"/>. A 30-day pack of that line,
    /// direction and bandwidth is used if one is valid; else the oldest hour packs with minutes left, and the session
    /// is no longer than their minutes. With a client request id, a retry returns the first session.
    /// </summary>
    public async Task<SpeedUpSession> StartAsync(string customerId, StartSpeedUpCommand command, CancellationToken cancellationToken)
    {
        var address = RequestValidator.IpAddress(command.IpAddress);
        var port = RequestValidator.Port(command.Port);
        var bandId = RequestValidator.BandId(command.BandId);
        var direction = RequestValidator.Direction(command.Direction);
        var targetMbps = RequestValidator.TargetBandwidth(direction, command.TargetBandwidthMbps);
        var scene = RequestValidator.Scene(command.Scene);
        var duration = options.Value.Effective(RequestValidator.Duration(command.DurationMinutes, options.Value.MaxDuration));
        var requestId = ClientRequestIds.Validate(command.ClientRequestId);
        var hash = ClientRequestIds.Fingerprint(string.Create(CultureInfo.InvariantCulture,
            $"start|{address}|{port}|{bandId}|{direction}|{targetMbps}|{scene}|{command.DurationMinutes}"));
        if (!catalogue.IsKnownTier(direction, targetMbps))
        {
            throw SpeedUpException.InvalidParameter($"{targetMbps} Mbps {direction} is not a speed-up tier of the product.");
        }

        await using var _ = await locks.AcquireAsync(bandId, cancellationToken).ConfigureAwait(false);
        if (requestId is not null)
        {
            var earlier = await sessions.FindByClientRequestAsync(customerId, requestId, cancellationToken).ConfigureAwait(false);
            foreach (var attempt in earlier)
            {
                ClientRequestIds.RequireSameBody(requestId, attempt.RequestHash, hash);
            }

            // A start whose rate was never applied charged nothing and may be retried under the same id.
            if (earlier.FirstOrDefault(s => s.EndReason != EndReason.ApplyFailed) is { } first)
            {
                return first;
            }
        }

        var precheck = await prechecks.RequireValidAsync(customerId, bandId, cancellationToken).ConfigureAwait(false);
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

        if (await sessions.FindOpenAsync(bandId, direction, cancellationToken).ConfigureAwait(false) is { } open)
        {
            throw new SpeedUpException(ProductErrorCode.InvalidParameters, FailureKind.AlreadyExists,
                open.CustomerId == customerId
                    ? $"band_id {bandId} already has a speed-up {direction} ({open.TargetKbps / 1000} Mbps, session {open.Id}); stop it first."
                    : $"band_id {bandId} already has a speed-up {direction}; only one may be active per line and direction.");
        }

        var (uses, allowed) = await PlanOrderUseAsync(customerId, bandId, direction, targetMbps, duration, cancellationToken).ConfigureAwait(false);
        var attribution = new SessionAttribution(customerId, requestId, hash, uses);
        return await applier.ApplyAsync(new SpeedUpPlan(precheck, direction, targetMbps, scene, allowed, attribution), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Ends the customer's speed-up of one direction and restores the original rate.</summary>
    public async Task<SpeedUpSession> StopAsync(string customerId, StopSpeedUpCommand command, CancellationToken cancellationToken)
    {
        var address = RequestValidator.IpAddress(command.IpAddress);
        var port = RequestValidator.Port(command.Port);
        var bandId = RequestValidator.BandId(command.BandId);
        var direction = RequestValidator.Direction(command.Direction);

        await using var _ = await locks.AcquireAsync(bandId, cancellationToken).ConfigureAwait(false);
        var session = await sessions.FindOpenAsync(bandId, direction, cancellationToken).ConfigureAwait(false);
        if (session is null || session.State == SessionState.Applying || session.CustomerId != customerId)
        {
            throw new SpeedUpException(ProductErrorCode.InvalidParameters, FailureKind.NotFound,
                $"band_id {bandId} has no active speed-up {direction}.");
        }

        if (!session.IpAddress.Equals(address) || session.Port != port)
        {
            throw SpeedUpException.InvalidParameter(
                $"The speed-up of band_id {bandId} was started for {session.IpAddress} port {session.Port}, not {address} port {port}.");
        }

        session.BeginRestore(EndReason.Stopped, time.GetUtcNow());
        if (!await restorer.RestoreAsync(session, CancellationToken.None).ConfigureAwait(false))
        {
            throw new SpeedUpException(ProductErrorCode.SystemError, FailureKind.Unavailable,
                $"The original rate of band_id {bandId} could not be restored yet ({session.LastError}); it will be retried until it is.");
        }

        return session;
    }

    /// <summary>The customer's latest session of each direction of a line.</summary>
    public async Task<LineStatus> StatusAsync(string customerId, long bandId, CancellationToken cancellationToken)
    {
        bandId = RequestValidator.BandId(bandId);
        var up = await sessions.FindLatestAsync(customerId, bandId, Direction.Up, cancellationToken).ConfigureAwait(false);
        var down = await sessions.FindLatestAsync(customerId, bandId, Direction.Down, cancellationToken).ConfigureAwait(false);
        return new LineStatus(bandId, up, down);
    }

    /// <summary>Which orders pay for a start, and how long the session may run on them.</summary>
    private async Task<(IReadOnlyList<OrderUse> Uses, TimeSpan Allowed)> PlanOrderUseAsync(
        string customerId, long bandId, Direction direction, int targetMbps, TimeSpan requested, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var usable = (await orders.ListLineOrdersAsync(customerId, bandId, direction, now, cancellationToken).ConfigureAwait(false))
            .Where(o => o.BandwidthMbps == targetMbps && o.IsValidAt(now))
            .ToArray();

        if (usable.Where(o => o.Product == ProductType.ThirtyDayPack).OrderByDescending(o => o.ExpiresAt).FirstOrDefault() is { } monthly)
        {
            var allowed = Min(requested, monthly.ExpiresAt - now);
            return ([new OrderUse(monthly.OrderId, 0, CeilingMinutes(allowed))], allowed);
        }

        var hourPacks = usable.Where(o => o.Product == ProductType.HourPack).OrderBy(o => o.CreatedAt).ThenBy(o => o.OrderId, StringComparer.Ordinal).ToArray();
        if (hourPacks.Length > 0)
        {
            var used = Metering.UsedMinutes(await orders.ListUsesAsync(hourPacks.Select(o => o.OrderId).ToArray(), cancellationToken).ConfigureAwait(false));
            var need = CeilingMinutes(requested);
            var uses = new List<OrderUse>();
            var covered = 0;
            var until = DateTimeOffset.MaxValue;
            foreach (var pack in hourPacks)
            {
                var left = OfferOrder.HourPackMinutes - used.GetValueOrDefault(pack.OrderId);
                if (left <= 0 || covered >= need)
                {
                    continue;
                }

                var take = Math.Min(left, need - covered);
                uses.Add(new OrderUse(pack.OrderId, uses.Count, take));
                covered += take;
                until = pack.ExpiresAt < until ? pack.ExpiresAt : until;
            }

            if (covered > 0)
            {
                return (uses, Min(Min(requested, TimeSpan.FromMinutes(covered)), until - now));
            }
        }

        throw new SpeedUpException(ProductErrorCode.InvalidParameters, FailureKind.FailedPrecondition,
            $"There is no usable order for band_id {bandId} {direction} {targetMbps} Mbps: order a 30-day pack or an hour pack " +
            "of that direction and bandwidth first (hour packs used up or expired at month end do not count).");
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static int CeilingMinutes(TimeSpan span)
    {
        var minutes = (int)((span.Ticks + TimeSpan.TicksPerMinute - 1) / TimeSpan.TicksPerMinute);
        return Math.Max(1, minutes);
    }
}
