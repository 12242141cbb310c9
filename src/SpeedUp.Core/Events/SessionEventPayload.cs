using System.Text.Json.Nodes;
using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Events;

/// <summary>
/// The one JSON shape of a session event's snapshot and the one name of each kind, used wherever events leave the
/// service (webhook CloudEvents today), so every consumer reads the same field names (camelCase) and values.
/// </summary>
public static class SessionEventPayload
{
    /// <summary>The prefix of every event type; the kind follows in lower case.</summary>
    public const string TypePrefix = "cn.broadband.speedup.session.";

    /// <summary>The type of an event kind: <c>cn.broadband.speedup.session.activated</c> etc.</summary>
    public static string TypeOf(SessionEventKind kind) => TypePrefix + kind.ToString().ToLowerInvariant();

    /// <summary>The session snapshot carried by <paramref name="e"/>.</summary>
    public static JsonObject DataOf(SessionEvent e) => new()
    {
        ["sessionId"] = e.SessionId,
        ["bandId"] = e.BandId,
        ["direction"] = e.Direction == Direction.Up ? "UP" : "DOWN",
        ["state"] = StateName(e.State),
        ["endReason"] = EndReasonName(e.EndReason),
        ["targetBandwidthMbps"] = e.TargetKbps / 1000,
        ["originalKbps"] = e.OriginalKbps,
        ["startedAt"] = e.StartedAt.ToUniversalTime(),
        ["expiresAt"] = e.DueAt.ToUniversalTime(),
        ["endedAt"] = e.EndedAt?.ToUniversalTime(),
        ["scene"] = e.Scene,
    };

    /// <summary>The wire name of a state (as in QueryStatus): APPLYING, ACTIVE, RESTORING, ENDED.</summary>
    public static string StateName(SessionState state) => state switch
    {
        SessionState.Applying => "APPLYING",
        SessionState.Active => "ACTIVE",
        SessionState.Restoring => "RESTORING",
        _ => "ENDED",
    };

    /// <summary>The wire name of an end reason: NONE while running, STOPPED, STOPPED_BY_OPERATOR, EXPIRED, APPLY_FAILED, RESTORED_AFTER_RESTART.</summary>
    public static string EndReasonName(EndReason reason) => reason switch
    {
        EndReason.Stopped => "STOPPED",
        EndReason.StoppedByOperator => "STOPPED_BY_OPERATOR",
        EndReason.Expired => "EXPIRED",
        EndReason.ApplyFailed => "APPLY_FAILED",
        EndReason.RestoredAfterRestart => "RESTORED_AFTER_RESTART",
        _ => "NONE",
    };
}
