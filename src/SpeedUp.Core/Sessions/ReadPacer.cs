namespace SpeedUp.Core.Sessions;

/// <summary>
/// Spaces the reads of one reconcile pass to at most <c>perSecond</c> a second on average: the first second's worth
/// go at once (a small pass is never slowed), then the n-th read waits until (n − perSecond) / perSecond seconds have
/// passed since the pass began. One pass, one caller at a time.
/// </summary>
public sealed class ReadPacer(int perSecond, TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();
    private long _reads;

    /// <summary>Waits until the next read may start.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        _reads++;
        var earliest = TimeSpan.FromSeconds(Math.Max(0, _reads - perSecond) / (double)perSecond);
        var wait = earliest - time.GetElapsedTime(_started);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
