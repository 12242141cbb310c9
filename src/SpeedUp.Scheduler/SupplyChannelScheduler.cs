using SpeedUp.Core.Channels;
using SpeedUp.Core.Errors;
using SpeedUp.Drivers;
using SpeedUp.Scheduler.Internal;

namespace SpeedUp.Scheduler;

/// <summary>
/// Failover across supply channels as one strategy: for a request it takes the preferred channel (when configured)
/// and then the registry's candidates, best first, and runs the domain's attempt on each in turn. Channel faults and
/// unconfirmed writes move the run on (recorded as failovers); a full channel moves it on (capacity is leased per
/// attempt and given back unless the attempt keeps it), and so does a busy one (each attempt holds one of the
/// channel's call slots, <see cref="ChannelAdmission"/>; no slot in time, or every driver session in use, is not a fault); once a write's outcome is unknown, later writes read the line
/// first; an answer about the line itself ends the run with the product's error.
/// </summary>
public sealed class SupplyChannelScheduler(SupplyChannelRegistry registry) : ISupplyScheduler
{
    /// <inheritdoc />
    public bool CanServe(ChannelDemand demand) => registry.AnyServes(demand);

    /// <inheritdoc />
    public async Task<T> RunAsync<T>(ChannelRequest request, Func<ChannelAttempt, CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(attempt);
        var failures = new ChannelFailures();
        var run = new RunRecord();
        using var runActivity = SchedulerTracing.StartRun(request);
        var number = 0;
        try
        {
            foreach (var channel in ChannelsFor(request))
            {
                runActivity?.SetTag(SchedulerTracing.AttemptsTag, ++number);
                using var attemptActivity = SchedulerTracing.StartAttempt(request, channel, number);
                try
                {
                    using var slot = await channel.Admission.EnterAsync(request.CustomerId, cancellationToken).ConfigureAwait(false)
                        ?? throw new ChannelBusyException(channel);
                    var result = await attempt(new SupplyChannelAttempt(registry, channel, run), cancellationToken).ConfigureAwait(false);
                    SchedulerTracing.Ended(attemptActivity, "succeeded");
                    runActivity?.SetTag(SchedulerTracing.ChannelTag, channel.Name);
                    SchedulerTracing.Ended(runActivity, "succeeded");
                    return result;
                }
                catch (ChannelFullException)
                {
                    SchedulerTracing.Ended(attemptActivity, "full");
                    failures.AddFull(channel);
                }
                catch (ChannelBusyException)
                {
                    SchedulerTracing.Ended(attemptActivity, "busy");
                    channel.Counters.RefusedAsBusy();
                    failures.AddBusy(channel);
                }
                catch (DriverException e) when (e.Failure == DriverFailure.Busy)
                {
                    SchedulerTracing.Ended(attemptActivity, "busy");
                    channel.Counters.RefusedAsBusy();
                    failures.AddBusy(channel);
                }
                catch (DriverException e) when (MovesOn(e))
                {
                    SchedulerTracing.MovedOn(attemptActivity, e);
                    failures.Add(channel, e);
                    registry.RecordFailover(channel.Name, request.Operation, e.Failure.ToString());
                }
                catch (DriverException e)
                {
                    attemptActivity?.SetTag(SchedulerTracing.FailoverReasonTag, e.Failure.ToString());
                    SchedulerTracing.Ended(attemptActivity, "line_error");
                    runActivity?.SetTag(SchedulerTracing.ChannelTag, channel.Name);
                    var error = e.ToProductError(channel.Name, request.Operation);
                    SchedulerTracing.RunFailed(runActivity, error);
                    throw error;
                }
                catch (Exception e) when (attemptActivity is not null)
                {
                    SchedulerTracing.Threw(attemptActivity, e);
                    throw;
                }
            }

            var failed = failures.ToProductError(request.Operation);
            SchedulerTracing.RunFailed(runActivity, failed);
            throw failed;
        }
        catch (Exception e) when (runActivity is not null && runActivity.GetTagItem(SchedulerTracing.OutcomeTag) is null)
        {
            SchedulerTracing.Threw(runActivity, e);
            throw;
        }
    }

    /// <inheritdoc />
    public Task ReleaseAsync(string sessionId, CancellationToken cancellationToken) => registry.ReleaseAsync(sessionId, cancellationToken);

    /// <summary>
    /// Whether a failure belongs to the channel rather than the line, so another channel reaching the same line may
    /// succeed: a channel fault, or a write the device took but did not confirm.
    /// </summary>
    internal static bool MovesOn(DriverException failure) => failure.IsChannelFault || failure.Failure == DriverFailure.NotConfirmed;

    private IEnumerable<SupplyChannel> ChannelsFor(ChannelRequest request)
    {
        var preferred = request.PreferredChannel is { } name ? registry.Channel(name) : null;
        if (preferred is not null)
        {
            yield return preferred;
        }

        foreach (var channel in registry.Candidates(request.Demand))
        {
            if (!ReferenceEquals(channel, preferred))
            {
                yield return channel;
            }
        }
    }
}
