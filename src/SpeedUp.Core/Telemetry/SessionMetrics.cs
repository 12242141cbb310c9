using System.Diagnostics;
using System.Diagnostics.Metrics;
using SpeedUp.Core.Sessions;

namespace SpeedUp.Core.Telemetry;

/// <summary>
/// The speed-up life cycle as metrics (meter <c>SpeedUp.Core</c>): starts, restores (a stop is a restore whose end
/// reason is <c>stopped</c>), re-applies and late writes undone by the reconciler, the lag of expiry-driven restores
/// behind the due time, and the open sessions as last counted (<see cref="ObserveOpen"/>).
/// </summary>
public sealed class SessionMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "SpeedUp.Core";

    private readonly Counter<long> _speedUps;
    private readonly Counter<long> _restores;
    private readonly Counter<long> _reapplies;
    private readonly Counter<long> _lateWritesUndone;
    private readonly Histogram<double> _restoreLag;
    private static readonly SessionState[] OpenStates = [SessionState.Applying, SessionState.Active, SessionState.Restoring];
    private IReadOnlyList<Measurement<long>> _open = [];

    /// <summary>Creates the instruments on a meter of <paramref name="meters"/>.</summary>
    public SessionMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _speedUps = meter.CreateCounter<long>("speedup.speedups", "{speedup}",
            "Speed-up starts by outcome (applied, failed, unsupported).");
        _restores = meter.CreateCounter<long>("speedup.restores", "{restore}",
            "Restore attempts of original rates by end reason and outcome (restored, failed); a stop is end reason 'stopped'.");
        _reapplies = meter.CreateCounter<long>("speedup.reconciler.reapplies", "{speedup}",
            "Speed-ups the equipment had lost (line back at its original rate) and the reconciler re-applied.");
        _lateWritesUndone = meter.CreateCounter<long>("speedup.reconciler.late_writes_undone", "{write}",
            "Writes that landed after their session ended (found at the target) and were undone.");
        _restoreLag = meter.CreateHistogram("speedup.restore.lag", "s",
            "Time from a session's due time to the device's confirmation of its restore (expiry-driven restores only).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600] });
        meter.CreateObservableGauge("speedup.sessions.open", () => Volatile.Read(ref _open), "{session}",
            "Sessions not ended yet (all instances on the store), by carrier and state, as last counted.");
    }

    /// <summary>A start whose rate a device confirmed.</summary>
    public void Applied(SpeedUpSession session) =>
        _speedUps.Add(1, Tags(session.Carrier.ToString(), session.Province, session.ChannelName, "applied"));

    /// <summary>A start that failed with <paramref name="productCode"/>; <paramref name="channel"/> is null when none was reached.</summary>
    public void ApplyFailed(Drivers.Carrier carrier, string province, string? channel, string productCode)
    {
        var tags = Tags(carrier.ToString(), province, channel ?? MetricTags.NoChannel, "failed");
        tags.Add(MetricTags.ErrorType, productCode);
        _speedUps.Add(1, tags);
    }

    /// <summary>A start no configured channel can serve.</summary>
    public void Unsupported(Drivers.Carrier carrier, string province) =>
        _speedUps.Add(1, Tags(carrier.ToString(), province, MetricTags.NoChannel, "unsupported"));

    /// <summary>A restore a device confirmed; records the lag when the due time drove it.</summary>
    public void Restored(SpeedUpSession session)
    {
        _restores.Add(1, RestoreTags(session, "restored"));
        if (session is { EndReason: EndReason.Expired or EndReason.RestoredAfterRestart, EndedAt: { } endedAt } && session.DueAt <= endedAt)
        {
            var tags = new TagList
            {
                { MetricTags.Carrier, session.Carrier.ToString() },
                { MetricTags.Province, session.Province },
                { MetricTags.Channel, session.ChannelName },
                { MetricTags.EndReason, MetricTags.SnakeCase(session.EndReason) },
            };
            _restoreLag.Record((endedAt - session.DueAt).TotalSeconds, tags);
        }
    }

    /// <summary>A restore no channel could confirm (retried by the next sweep).</summary>
    public void RestoreFailed(SpeedUpSession session, string productCode)
    {
        var tags = RestoreTags(session, "failed");
        tags.Add(MetricTags.ErrorType, productCode);
        _restores.Add(1, tags);
    }

    /// <summary>A lost speed-up re-applied through <paramref name="channel"/>.</summary>
    public void Reapplied(SpeedUpSession session, string channel) =>
        _reapplies.Add(1, Tags(session.Carrier.ToString(), session.Province, channel, "reapplied"));

    /// <summary>A late-landing write undone through <paramref name="channel"/>.</summary>
    public void LateWriteUndone(SpeedUpSession session, string channel) =>
        _lateWritesUndone.Add(1, Tags(session.Carrier.ToString(), session.Province, channel, "undone"));

    /// <summary>Takes the open sessions as counted by carrier and state (<c>ISessionStore.CountOpenAsync</c>) for the open-sessions gauge.</summary>
    public void ObserveOpen(IReadOnlyDictionary<(Drivers.Carrier Carrier, SessionState State), int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        // Every carrier and open state, zeros included: a series that drops to nothing reads 0, not its last value.
        var measurements = (
            from carrier in Enum.GetValues<Drivers.Carrier>()
            from state in OpenStates
            select new Measurement<long>(counts.GetValueOrDefault((carrier, state)), new TagList
            {
                { MetricTags.Carrier, carrier.ToString() },
                { MetricTags.SessionState, MetricTags.SnakeCase(state) },
            })).ToArray();
        Volatile.Write(ref _open, measurements);
    }

    private static TagList Tags(string carrier, string province, string channel, string outcome) => new()
    {
        { MetricTags.Carrier, carrier },
        { MetricTags.Province, province },
        { MetricTags.Channel, channel },
        { MetricTags.Outcome, outcome },
    };

    private static TagList RestoreTags(SpeedUpSession session, string outcome)
    {
        var tags = Tags(session.Carrier.ToString(), session.Province, session.ChannelName, outcome);
        tags.Add(MetricTags.EndReason, MetricTags.SnakeCase(session.EndReason));
        return tags;
    }
}
