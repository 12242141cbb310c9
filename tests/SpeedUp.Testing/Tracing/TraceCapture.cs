using System.Collections.Concurrent;
using System.Diagnostics;

namespace SpeedUp.Testing.Tracing;

/// <summary>
/// Records the spans of one trace of the test's own: starts a root activity (a fresh TraceId) and listens to
/// <c>sources</c>, keeping only stopped spans of that trace. Listeners are process-wide; filtering by the TraceId keeps
/// tests running side by side apart. Dispose to stop listening.
/// </summary>
public sealed class TraceCapture : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly Activity _root;

    public TraceCapture(params string[] sources)
    {
        var names = sources.ToHashSet(StringComparer.Ordinal);
        _root = new Activity("test").SetIdFormat(ActivityIdFormat.W3C);
        _root.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        _root.Start();
        TraceId = _root.TraceId;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => names.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Parent.TraceId == TraceId ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == TraceId)
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The trace recorded.</summary>
    public ActivityTraceId TraceId { get; }

    /// <summary>The span the test runs under (every recorded span descends from it).</summary>
    public ActivitySpanId RootSpanId => _root.SpanId;

    /// <summary>The spans of the trace stopped so far, in the order they stopped.</summary>
    public IReadOnlyList<Activity> Spans => [.. _stopped];

    /// <summary>The spans named <paramref name="name"/>, in the order they started.</summary>
    public IReadOnlyList<Activity> Named(string name) => [.. Spans.Where(s => s.OperationName == name).OrderBy(s => s.StartTimeUtc)];

    /// <summary>Every tag value of every span recorded, as text.</summary>
    public IEnumerable<string> TagValues => Spans.SelectMany(s => s.TagObjects).Select(t => Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "");

    public void Dispose()
    {
        _listener.Dispose();
        _root.Stop();
    }
}
