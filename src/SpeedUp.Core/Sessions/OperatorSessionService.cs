using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using SpeedUp.Core.Customers;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Validation;

namespace SpeedUp.Core.Sessions;

/// <summary>
/// The operator's view of sessions across customers (admin <c>SessionAdmin</c>): lists open sessions, shows one, and
/// stops one. A stop takes the line's lock and goes through <see cref="SessionRestorer"/> like a customer's stop, ending
/// the session as <see cref="EndReason.StoppedByOperator"/>; it is logged with the AccessKeyId that made it.
/// </summary>
public sealed partial class OperatorSessionService(
    ISessionStore sessions,
    SessionRestorer restorer,
    ILineLocks locks,
    TimeProvider time,
    ILogger<OperatorSessionService> logger)
{
    /// <summary>Sessions returned when the request names no limit.</summary>
    public const int DefaultLimit = 100;

    /// <summary>Most sessions one call returns.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Longest reason an operator may give for a stop.</summary>
    public const int MaxReasonLength = 200;

    /// <summary>The open sessions matching the filter, oldest first, at most <paramref name="limit"/> (0 = <see cref="DefaultLimit"/>).</summary>
    public async Task<SessionPage> ListOpenAsync(long bandId, string? ipAddress, string? customerId, int limit, CancellationToken cancellationToken)
    {
        var filter = new SessionFilter(
            bandId == 0 ? null : RequestValidator.BandId(bandId),
            string.IsNullOrEmpty(ipAddress) ? null : RequestValidator.IpAddress(ipAddress),
            string.IsNullOrEmpty(customerId) ? null : CustomerService.RequireId(customerId));
        var count = limit switch
        {
            0 => DefaultLimit,
            >= 1 and <= MaxLimit => limit,
            _ => throw SpeedUpException.InvalidParameter($"limit must be 0 (the default, {DefaultLimit}) or 1..{MaxLimit}."),
        };

        return await sessions.ListOpenAsync(filter, count, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One session, open or ended; NOT_FOUND when there is none of that id.</summary>
    public async Task<SpeedUpSession> GetAsync(string? sessionId, CancellationToken cancellationToken) =>
        await sessions.FindAsync(RequireId(sessionId), cancellationToken).ConfigureAwait(false)
        ?? throw NotFound(sessionId!);

    /// <summary>
    /// Stops a session for the operator key <paramref name="actor"/>: restores the original rate and ends it as
    /// <see cref="EndReason.StoppedByOperator"/>. A session being restored already is restored again (keeping its reason).
    /// </summary>
    public async Task<SpeedUpSession> StopAsync(string actor, string? sessionId, string? reason, CancellationToken cancellationToken)
    {
        var id = RequireId(sessionId);
        var why = RequireReason(reason);
        var found = await sessions.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
        RequireStoppable(found);

        await using var _ = await locks.AcquireAsync(found.BandId, cancellationToken).ConfigureAwait(false);
        var session = await sessions.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
        RequireStoppable(session);
        LogStopping(actor, session.Id, session.CustomerId ?? "(none)", session.BandId, session.Direction.ToString(), why);
        session.BeginRestore(EndReason.StoppedByOperator, time.GetUtcNow());
        if (!await restorer.RestoreAsync(session, CancellationToken.None).ConfigureAwait(false))
        {
            throw new SpeedUpException(ProductErrorCode.SystemError, FailureKind.Unavailable,
                $"The original rate of band_id {session.BandId} could not be restored yet; it will be retried until it is.", session.LastError);
        }

        return session;
    }

    private static string RequireId(string? sessionId) => sessionId is not null && SessionIdPattern().IsMatch(sessionId)
        ? sessionId
        : throw SpeedUpException.InvalidParameter("session_id must be 1..64 of [A-Za-z0-9-] (as ListSessions gives it).");

    private static string RequireReason(string? reason)
    {
        if (string.IsNullOrEmpty(reason))
        {
            return "(none given)";
        }

        if (reason.Length > MaxReasonLength || reason.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) is
                System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator
                or System.Globalization.UnicodeCategory.ParagraphSeparator or System.Globalization.UnicodeCategory.PrivateUse
                or System.Globalization.UnicodeCategory.OtherNotAssigned or System.Globalization.UnicodeCategory.Surrogate))
        {
            throw SpeedUpException.InvalidParameter($"reason must be at most {MaxReasonLength} printable characters.");
        }

        return reason;
    }

    private static void RequireStoppable(SpeedUpSession session)
    {
        if (session.State == SessionState.Ended)
        {
            throw new SpeedUpException(ProductErrorCode.InvalidParameters, FailureKind.FailedPrecondition,
                $"Session {session.Id} has already ended ({session.EndReason}).");
        }

        if (session.State == SessionState.Applying)
        {
            throw new SpeedUpException(ProductErrorCode.InvalidParameters, FailureKind.FailedPrecondition,
                $"Session {session.Id} is still being applied; stop it once it is active (or let the sweeper restore it).");
        }
    }

    private static SpeedUpException NotFound(string id) =>
        new(ProductErrorCode.InvalidParameters, FailureKind.NotFound, $"No session has the id '{id}'.");

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}\\z")]
    private static partial Regex SessionIdPattern();

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning,
        Message = "Operator key {AccessKeyId} stops session {SessionId} (customer {CustomerId}, band {BandId} {Direction}): {Reason}")]
    private partial void LogStopping(string accessKeyId, string sessionId, string customerId, long bandId, string direction, string reason);
}
