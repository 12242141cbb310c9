using System.Diagnostics;

namespace SpeedUp.Benchmarks;

/// <summary>Thread-safe collection of named latency series (milliseconds), in first-seen order.</summary>
internal sealed class LatencyRecorder
{
    private readonly Lock _lock = new();
    private readonly List<string> _order = [];
    private readonly Dictionary<string, List<double>> _series = new(StringComparer.Ordinal);

    /// <summary>Times <paramref name="action"/> under <paramref name="name"/> (recorded only when it succeeds).</summary>
    public async Task<T> TimeAsync<T>(string name, Func<Task<T>> action)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await action();
        Add(name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    public void Add(string name, double milliseconds)
    {
        lock (_lock)
        {
            if (!_series.TryGetValue(name, out var list))
            {
                list = [];
                _series[name] = list;
                _order.Add(name);
            }

            list.Add(milliseconds);
        }
    }

    /// <summary>How many samples, of all series, took at least <paramref name="milliseconds"/>.</summary>
    public (int Slow, int Total) CountAtLeast(double milliseconds)
    {
        lock (_lock)
        {
            return (_series.Values.Sum(list => list.Count(v => v >= milliseconds)), _series.Values.Sum(list => list.Count));
        }
    }

    public IReadOnlyList<LatencyStats> Summaries()
    {
        lock (_lock)
        {
            return _order.Select(name => LatencyStats.From(name, _series[name])).ToArray();
        }
    }
}
