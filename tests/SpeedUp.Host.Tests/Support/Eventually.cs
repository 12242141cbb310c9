using System.Diagnostics;

namespace SpeedUp.Host.Tests.Support;

/// <summary>
/// Waits for work the service does on its own threads after the fake clock moved (a sweep, a settlement): polls
/// every few real milliseconds, fails after <see cref="Limit"/> of real time (or the limit given). Never a wait for the
/// clock itself.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/> holds for its value; returns that value.</summary>
    public static Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, CancellationToken cancellationToken = default) =>
        ValueAsync(read, done, what, Limit, cancellationToken);

    /// <summary>As above, failing after <paramref name="limit"/> of real time (for work bound by real device time too).</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan limit, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (Stopwatch.GetElapsedTime(started) > limit)
            {
                throw new TimeoutException($"{what} within {limit.TotalSeconds} s (real time); last value: {value}");
            }

            await Task.Delay(10, cancellationToken);
        }
    }
}
