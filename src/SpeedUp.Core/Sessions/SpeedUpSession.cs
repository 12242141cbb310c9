using System.Net;
using SpeedUp.Core.Events;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Sessions;

/// <summary>
/// One speed-up of one direction of one subscriber line: journalled before the device is touched, with the
/// original rate kept for the restore and a due time after which the rate is restored whatever happened.
/// State changes go through methods that check the current state; each records a <see cref="SessionEvent"/> that the
/// store writes to the outbox in the same transaction as the change (<see cref="PendingEvents"/>).
/// </summary>
public sealed class SpeedUpSession
{
    private readonly List<SessionEvent> _pendingEvents = [];
    private bool _uncertainWrite;

    /// <summary>Rehydrates or creates a session (storage and <see cref="Begin"/> use this).</summary>
    public SpeedUpSession(
        string id, long bandId, string account, IPAddress ipAddress, int port, Carrier carrier, string province,
        string channelName, Direction direction, long targetKbps, long originalKbps, string scene,
        DateTimeOffset startedAt, DateTimeOffset dueAt, SessionState state, EndReason endReason,
        DateTimeOffset? endedAt, string? lastError)
    {
        Id = id;
        BandId = bandId;
        Account = account;
        IpAddress = ipAddress;
        Port = port;
        Carrier = carrier;
        Province = province;
        ChannelName = channelName;
        Direction = direction;
        TargetKbps = targetKbps;
        OriginalKbps = originalKbps;
        Scene = scene;
        StartedAt = startedAt;
        DueAt = dueAt;
        State = state;
        EndReason = endReason;
        EndedAt = endedAt;
        LastError = lastError;
    }

    /// <summary>Session id.</summary>
    public string Id { get; }

    /// <summary>The line's band id.</summary>
    public long BandId { get; }

    /// <summary>The line's access account.</summary>
    public string Account { get; }

    /// <summary>The public address the request named.</summary>
    public IPAddress IpAddress { get; }

    /// <summary>The public port the request named (0 = none).</summary>
    public int Port { get; }

    /// <summary>The line's carrier.</summary>
    public Carrier Carrier { get; }

    /// <summary>The line's province.</summary>
    public string Province { get; }

    /// <summary>
    /// The supply channel that applied (or is applying) the rate and holds its capacity; the restore tries it first,
    /// then the other channels of the line's carrier and province.
    /// </summary>
    public string ChannelName { get; private set; }

    /// <summary>Which direction is sped up.</summary>
    public Direction Direction { get; }

    /// <summary>Target rate, kbit/s.</summary>
    public long TargetKbps { get; }

    /// <summary>The rate before the speed-up, kbit/s; restored at the end.</summary>
    public long OriginalKbps { get; }

    /// <summary>The caller's scene label.</summary>
    public string Scene { get; }

    /// <summary>When the session began.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>When it ends by itself (moved later by <see cref="Extend"/>).</summary>
    public DateTimeOffset DueAt { get; private set; }

    /// <summary>Current state.</summary>
    public SessionState State { get; private set; }

    /// <summary>Why it ended (or is ending).</summary>
    public EndReason EndReason { get; private set; }

    /// <summary>When the original rate was back.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>The last device failure met (no secrets).</summary>
    public string? LastError { get; private set; }

    /// <summary>The customer the session belongs to (null only for sessions journalled before customers existed).</summary>
    public string? CustomerId { get; init; }

    /// <summary>The client request id of the start, if the caller gave one.</summary>
    public string? ClientRequestId { get; init; }

    /// <summary>Fingerprint of the start request (for retries with the same client request id).</summary>
    public string? RequestHash { get; init; }

    /// <summary>The orders the session draws on (known on the session that was started; not reloaded from storage).</summary>
    public IReadOnlyList<Orders.OrderUse> OrderUses { get; init; } = [];

    /// <summary>
    /// Whether a write of this session failed with a channel fault, so that it may still land late (a command queued on
    /// a dying session). Such sessions are checked again for a while after they end (<see cref="SessionReconciler"/>).
    /// </summary>
    public bool UncertainWrite
    {
        get => _uncertainWrite;
        init => _uncertainWrite = value;
    }

    /// <summary>The state changes not yet saved; the store writes them with the session and then calls <see cref="EventsSaved"/>.</summary>
    public IReadOnlyList<SessionEvent> PendingEvents => _pendingEvents;

    /// <summary>The store saved <see cref="PendingEvents"/> together with the session.</summary>
    public void EventsSaved() => _pendingEvents.Clear();

    /// <summary>Whether the subscriber may be running at the target rate (or the rate is still to be restored).</summary>
    public bool IsOpen => State != SessionState.Ended;

    /// <summary>
    /// Journals a new session in <see cref="SessionState.Applying"/>, attributed to a customer and the orders it uses
    /// (<paramref name="attribution"/>; null for none).
    /// </summary>
    public static SpeedUpSession Begin(
        string id, long bandId, string account, IPAddress ipAddress, int port, Carrier carrier, string province,
        string channelName, Direction direction, long targetKbps, long originalKbps, string scene,
        DateTimeOffset now, TimeSpan duration, SessionAttribution? attribution = null)
    {
        // The journal keeps whole milliseconds: the session answers with the times it will be read back with.
        var startedAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        var dueAt = startedAt + TimeSpan.FromTicks(duration.Ticks - (duration.Ticks % TimeSpan.TicksPerMillisecond));
        return new(id, bandId, account, ipAddress, port, carrier, province, channelName,
            direction, targetKbps, originalKbps, scene, startedAt, dueAt, SessionState.Applying,
            EndReason.None, null, null)
        {
            CustomerId = attribution?.CustomerId,
            ClientRequestId = attribution?.ClientRequestId,
            RequestHash = attribution?.RequestHash,
            OrderUses = attribution?.OrderUses ?? [],
        };
    }

    /// <summary>A write failed with a channel fault: its outcome is unknown.</summary>
    public void MarkUncertainWrite() => _uncertainWrite = true;

    /// <summary>A new session id.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>The session moved to another channel (failover); that channel now holds its capacity and restores it.</summary>
    public void MoveTo(string channelName)
    {
        if (State == SessionState.Ended)
        {
            throw new InvalidOperationException($"Session {Id} has already ended.");
        }

        ChannelName = channelName;
    }

    /// <summary>The device confirmed the target rate at <paramref name="at"/>.</summary>
    public void MarkActive(DateTimeOffset at)
    {
        Require(SessionState.Applying);
        State = SessionState.Active;
        Record(SessionEventKind.Activated, at);
    }

    /// <summary>The original rate must be put back, for <paramref name="reason"/>, from <paramref name="at"/> on.</summary>
    public void BeginRestore(EndReason reason, DateTimeOffset at)
    {
        if (State == SessionState.Ended)
        {
            throw new InvalidOperationException($"Session {Id} has already ended.");
        }

        var wasRestoring = State == SessionState.Restoring;
        State = SessionState.Restoring;
        if (EndReason == EndReason.None || reason == EndReason.ApplyFailed)
        {
            EndReason = reason;
        }

        if (!wasRestoring)
        {
            Record(SessionEventKind.Restoring, at);
        }
    }

    /// <summary>The line had lost the target rate and a device confirmed it again at <paramref name="at"/>.</summary>
    public void MarkReapplied(DateTimeOffset at)
    {
        Require(SessionState.Active);
        Record(SessionEventKind.Reapplied, at);
    }

    /// <summary>Moves the due time of an active session later, to <paramref name="dueAt"/>, at <paramref name="at"/>.</summary>
    public void Extend(DateTimeOffset dueAt, DateTimeOffset at)
    {
        Require(SessionState.Active);
        if (dueAt <= DueAt)
        {
            throw new InvalidOperationException($"Session {Id} is due at {DueAt:O}; an extension must move it later.");
        }

        DueAt = dueAt;
        Record(SessionEventKind.Extended, at);
    }

    /// <summary>A restore attempt failed; it will be tried again.</summary>
    public void RecordFailure(string error) => LastError = error;

    /// <summary>The device confirmed the original rate.</summary>
    public void MarkEnded(DateTimeOffset now)
    {
        Require(SessionState.Restoring);
        State = SessionState.Ended;
        EndedAt = now;
        Record(SessionEventKind.Ended, now);
    }

    private void Record(SessionEventKind kind, DateTimeOffset at) => _pendingEvents.Add(SessionEvent.Of(this, kind, at));

    private void Require(SessionState expected)
    {
        if (State != expected)
        {
            throw new InvalidOperationException($"Session {Id} is {State}, expected {expected}.");
        }
    }
}

/// <summary>Helpers over sessions.</summary>
public static class SpeedUpSessionExtensions
{
    /// <summary>The equipment reference of the session's line.</summary>
    public static LineReference Reference(this SpeedUpSession session) => new(session.BandId, session.Account);
}
