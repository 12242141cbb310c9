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

        // A line without this customer's open session is refused before any lock is taken (checked again under it).
        await RequireOpenAsync(customerId, address, port, bandId, direction, cancellationToken).ConfigureAwait(false);
        await using var _ = await locks.AcquireAsync(bandId, cancellationToken).ConfigureAwait(false);
        var session = await RequireOpenAsync(customerId, address, port, bandId, direction, cancellationToken).ConfigureAwait(false);
        session.BeginRestore(EndReason.Stopped, time.GetUtcNow());
        if (!await restorer.RestoreAsync(session, CancellationToken.None).ConfigureAwait(false))
        {
            throw new SpeedUpException(ProductErrorCode.SystemError, FailureKind.Unavailable,
                $"The original rate of band_id {bandId} could not be restored yet; it will be retried until it is.", session.LastError);
        }

        return session;
    }

    /// <summary>
    /// Adds minutes to the customer's active speed-up of one direction. The session may last at most the product's
    /// single-use cap (and the configured maximum) from its start, and the line's orders must cover the new due time: the
    /// 30-day pack it runs on until that pack expires, or hour packs by their minutes left (the oldest first, as at the
    /// start). Anything else is refused and nothing changes. With a client request id, a retry returns the session and
    /// extends nothing again. Holds the line's lock, so extend, stop and the expiry sweep of a line take turns.
    /// </summary>
    public async Task<SpeedUpSession> ExtendAsync(string customerId, ExtendSpeedUpCommand command, CancellationToken cancellationToken)
    {
        var address = RequestValidator.IpAddress(command.IpAddress);
        var port = RequestValidator.Port(command.Port);
        var bandId = RequestValidator.BandId(command.BandId);
        var direction = RequestValidator.Direction(command.Direction);
        var added = RequestValidator.AdditionalMinutes(command.AdditionalMinutes, SpeedUpSessionOptions.ProductMaximum);
        var requestId = ClientRequestIds.Validate(command.ClientRequestId);
        var hash = ClientRequestIds.Fingerprint(string.Create(CultureInfo.InvariantCulture,
            $"extend|{address}|{port}|{bandId}|{direction}|{command.AdditionalMinutes}"));

        await using var _ = await locks.AcquireAsync(bandId, cancellationToken).ConfigureAwait(false);
        if (requestId is not null
            && await sessions.FindExtensionAsync(customerId, requestId, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            ClientRequestIds.RequireSameBody(requestId, earlier.RequestHash, hash);
            return (await sessions.FindAsync(earlier.SessionId, cancellationToken).ConfigureAwait(false))!;
        }

        var session = await RequireActiveAsync(customerId, address, port, bandId, direction, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (session.DueAt <= now)
        {
            throw new SpeedUpException(ProductErrorCode.InvalidParameters, FailureKind.FailedPrecondition,
                $"The speed-up of band_id {bandId} {direction} is due ({session.DueAt:O}) and being ended; start a new one.");
        }

        var dueAt = session.DueAt + added;
        var longest = Min(SpeedUpSessionOptions.ProductMaximum, options.Value.MaxDuration);
        if (dueAt - session.StartedAt > longest)
        {
            throw new SpeedUpException(ProductErrorCode.InvalidParameters, FailureKind.FailedPrecondition,
                $"A speed-up lasts at most {(int)longest.TotalMinutes} minutes from its start; this one has {(int)Math.Floor((session.StartedAt + longest - session.DueAt).TotalMinutes)} left to add, not {(int)added.TotalMinutes}.");
        }

        var uses = await PlanExtensionUseAsync(customerId, session, dueAt, now, cancellationToken).ConfigureAwait(false);
        var dueBefore = session.DueAt;
        session.Extend(dueAt, now);
        try
        {
            await sessions.ExtendAsync(session, new SessionExtension(session.Id, customerId, requestId, requestId is null ? null : hash,
                (int)added.TotalMinutes, dueBefore, dueAt, now), uses, cancellationToken).ConfigureAwait(false);
        }
        catch (SessionConflictException e)
        {
            throw SpeedUpException.InvalidParameter(e.Message);
        }

        return session;
    }

    /// <summary>The customer's latest session of each direction of a line.</summary>
    public async Task<LineStatus> StatusAsync(string customerId, long bandId, CancellationToken cancellationToken)
    {
        bandId = RequestValidator.BandId(bandId);
        var latest = await sessions.FindLatestPerDirectionAsync(customerId, bandId, cancellationToken).ConfigureAwait(false);
        return new LineStatus(bandId,
            latest.FirstOrDefault(s => s.Direction == Direction.Up), latest.FirstOrDefault(s => s.Direction == Direction.Down));
    }

    /// <summary>The customer's open, applied session of the line and direction, named by the address it was started for.</summary>
    private async Task<SpeedUpSession> RequireOpenAsync(
        string customerId, System.Net.IPAddress address, int port, long bandId, Direction direction, CancellationToken cancellationToken)
    {
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

        return session;
    }

    /// <summary>As <see cref="RequireOpenAsync"/>, and running at its target (not being restored).</summary>
    private async Task<SpeedUpSession> RequireActiveAsync(
        string customerId, System.Net.IPAddress address, int port, long bandId, Direction direction, CancellationToken cancellationToken)
    {
        var session = await RequireOpenAsync(customerId, address, port, bandId, direction, cancellationToken).ConfigureAwait(false);
        if (session.State != SessionState.Active)
        {
            throw new SpeedUpException(ProductErrorCode.InvalidParameters, FailureKind.FailedPrecondition,
                $"The speed-up of band_id {bandId} {direction} is being ended; it cannot be extended.");
        }

        return session;
    }

    /// <summary>
    /// The order minutes an extension of <paramref name="session"/> to <paramref name="dueAt"/> adds: to its 30-day pack
    /// when that pack is still valid then; else from hour packs of the line, direction and bandwidth (the session's own
    /// first, then the oldest with minutes left), each valid until the new due time.
    /// </summary>
    private async Task<IReadOnlyList<OrderUse>> PlanExtensionUseAsync(
        string customerId, SpeedUpSession session, DateTimeOffset dueAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var targetMbps = (int)(session.TargetKbps / 1000);
        var lineOrders = (await orders.ListLineOrdersAsync(customerId, session.BandId, session.Direction, now, cancellationToken).ConfigureAwait(false))
            .Where(o => o.BandwidthMbps == targetMbps)
            .ToArray();
        var records = lineOrders.Length == 0
            ? []
            : await orders.ListUsesAsync(lineOrders.Select(o => o.OrderId).ToArray(), cancellationToken).ConfigureAwait(false);
        var own = records.Where(r => r.SessionId == session.Id).ToArray();
        var ownOrders = lineOrders.Where(o => own.Any(u => u.OrderId == o.OrderId)).ToArray();
        var need = CeilingMinutes(dueAt - session.StartedAt) - own.Sum(u => u.ReservedMinutes);
        var refused = $"band_id {session.BandId} {session.Direction}: the line's orders do not cover the speed-up until {dueAt:O}";

        if (ownOrders.FirstOrDefault(o => o.Product == ProductType.ThirtyDayPack) is { } monthly)
        {
            if (monthly.ExpiresAt < dueAt)
            {
                throw new SpeedUpException(ProductErrorCode.InvalidParameters, FailureKind.FailedPrecondition,
                    $"{refused}: its 30-day pack {monthly.OrderId} expires at {monthly.ExpiresAt:O}.");
            }

            return need > 0 ? [new OrderUse(monthly.OrderId, 0, need)] : [];
        }

        if (ownOrders.Length == 0 || ownOrders.Any(o => o.ExpiresAt < dueAt))
        {
            throw new SpeedUpException(ProductErrorCode.InvalidParameters, FailureKind.FailedPrecondition,
                $"{refused}: the hour packs it runs on expire before then (hour packs expire at month end).");
        }

        var used = Metering.UsedMinutes(records);
        var candidates = ownOrders.Concat(lineOrders
                .Where(o => o.Product == ProductType.HourPack && o.IsValidAt(now) && o.ExpiresAt >= dueAt && !ownOrders.Contains(o))
                .OrderBy(o => o.CreatedAt).ThenBy(o => o.OrderId, StringComparer.Ordinal));
        var added = new List<OrderUse>();
        var position = own.Length == 0 ? 0 : own.Max(u => u.Position) + 1;
        foreach (var pack in candidates)
        {
            if (need <= 0)
            {
                break;
            }

            var left = OfferOrder.HourPackMinutes - used.GetValueOrDefault(pack.OrderId);
            if (left <= 0)
            {
                continue;
            }

            var take = Math.Min(left, need);
            added.Add(new OrderUse(pack.OrderId, ownOrders.Contains(pack) ? 0 : position++, take));
            need -= take;
        }

        if (need > 0)
        {
            throw new SpeedUpException(ProductErrorCode.InvalidParameters, FailureKind.FailedPrecondition,
                $"{refused}: its hour packs lack {need} more minutes (order another hour pack first).");
        }

        return added;
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
