namespace SpeedUp.Core.Channels;

/// <summary>
/// The scheduler as the domain sees it: it owns the loop over supply channels. The domain hands it a request and an
/// attempt (what to do on one channel); the scheduler picks the channels best first, runs the attempt on each until
/// one finishes, holds the capacity the attempt leases, reads the line before writing once a write's outcome is
/// unknown, and records failovers. The domain catches none of the channel faults this exists to handle.
/// </summary>
public interface ISupplyScheduler
{
    /// <summary>Whether any configured channel can serve <paramref name="demand"/> (before a run, to tell the caller why not).</summary>
    bool CanServe(ChannelDemand demand);

    /// <summary>
    /// Runs <paramref name="attempt"/> on the channels of <paramref name="request"/> until one returns. A channel fault
    /// (transport, timeout, open circuit, credentials, garbled answer, or a write not confirmed) or a full channel moves
    /// the run to the next channel; any other driver failure (an answer about the line itself) ends the run with the
    /// product's <c>isp.SYSTEM_ERROR</c> naming the channel; a <see cref="Errors.SpeedUpException"/> thrown by the attempt
    /// (a business decision) passes through unchanged.
    /// </summary>
    /// <returns>What the first attempt that finished returned.</returns>
    /// <exception cref="Errors.SpeedUpException">
    /// No channel finished: <c>isv.BUSINESS_LIMIT_CONTROL</c> when every channel was full, else <c>isp.SYSTEM_ERROR</c>
    /// naming what each channel answered.
    /// </exception>
    Task<T> RunAsync<T>(ChannelRequest request, Func<ChannelAttempt, CancellationToken, Task<T>> attempt, CancellationToken cancellationToken);

    /// <summary>Gives back the capacity a session holds (idempotent): the session has ended.</summary>
    Task ReleaseAsync(string sessionId, CancellationToken cancellationToken);
}
