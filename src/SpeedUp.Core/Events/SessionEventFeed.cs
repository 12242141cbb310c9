using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Errors;

namespace SpeedUp.Core.Events;

/// <summary>One message of a watch: an event, or a heartbeat (no event) that carries the watcher's current position.</summary>
public sealed record FeedItem(long Position, SessionEvent? Event);

/// <summary>
/// A customer's session events as a stream: first a heartbeat with the starting position, then every event after it in
/// outbox order, then new events as they are committed (this instance's at once, other instances' within
/// <see cref="SessionEventOptions.PollInterval"/>), with a heartbeat when the stream has been quiet for
/// <see cref="SessionEventOptions.Heartbeat"/>. A watcher resuming from the position of the last item it processed
/// misses nothing and sees nothing twice.
/// </summary>
public sealed class SessionEventFeed(
    ISessionEventStore store,
    SessionEventSignal signal,
    IOptions<SessionEventOptions> options,
    TimeProvider time)
{
    /// <summary>The customer's events after <paramref name="resumeToken"/> (or from now, without one), until cancelled.</summary>
    /// <exception cref="SpeedUpException">isv.INVALID_PARAMETERS for a token that is malformed, from the future or older than the retention.</exception>
    public async Task<IAsyncEnumerable<FeedItem>> OpenAsync(string customerId, string? resumeToken, CancellationToken cancellationToken)
    {
        var requested = ResumeToken.Parse(resumeToken);
        var latest = await store.LatestSequenceAsync(cancellationToken).ConfigureAwait(false);
        if (requested is not { } from)
        {
            return WatchAsync(customerId, latest, cancellationToken);
        }

        if (from > latest)
        {
            throw SpeedUpException.InvalidParameter("resume_token is ahead of every event of this service: it was not given out by it.");
        }

        if (from < await store.PrunedThroughAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new SpeedUpException(ProductErrorCode.InvalidParameters, FailureKind.FailedPrecondition,
                $"resume_token is older than the events kept ({options.Value.Retention.TotalDays:0.#} days): read the sessions' state with QueryStatus and watch again without a token.");
        }

        return WatchAsync(customerId, from, cancellationToken);
    }

    private async IAsyncEnumerable<FeedItem> WatchAsync(string customerId, long position, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;
        yield return new FeedItem(position, null);
        var quietSince = time.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            // Taken before the read, so that a commit between the read and the wait still wakes it.
            var committed = signal.NextAsync();
            var batch = await store.ReadAsync(customerId, position, settings.BatchSize, cancellationToken).ConfigureAwait(false);
            foreach (var item in batch)
            {
                position = item.Sequence;
                yield return new FeedItem(position, item);
            }

            if (batch.Count > 0)
            {
                quietSince = time.GetUtcNow();
                if (batch.Count == settings.BatchSize)
                {
                    continue;
                }
            }

            var untilHeartbeat = quietSince + settings.Heartbeat - time.GetUtcNow();
            if (untilHeartbeat <= TimeSpan.Zero)
            {
                quietSince = time.GetUtcNow();
                yield return new FeedItem(position, null);
                continue;
            }

            await WaitAsync(committed, untilHeartbeat < settings.PollInterval ? untilHeartbeat : settings.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitAsync(Task committed, TimeSpan most, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(most, time, stop.Token);
        await Task.WhenAny(committed, delay).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
