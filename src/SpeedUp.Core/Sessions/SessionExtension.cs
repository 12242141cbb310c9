namespace SpeedUp.Core.Sessions;

/// <summary>
/// One extension of a session, journalled with the new due time and the order minutes it added: by whom
/// (<paramref name="CustomerId"/>, <paramref name="ClientRequestId"/> with the request's fingerprint for retries),
/// how many minutes, and the due time before and after.
/// </summary>
public sealed record SessionExtension(
    string SessionId, string CustomerId, string? ClientRequestId, string? RequestHash, int AddedMinutes,
    DateTimeOffset DueBefore, DateTimeOffset DueAfter, DateTimeOffset ExtendedAt);
