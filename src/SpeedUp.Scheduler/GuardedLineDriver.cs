using System.Diagnostics;
using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using SpeedUp.Drivers;

namespace SpeedUp.Scheduler;

/// <summary>
/// The driver of a channel as callers see it: every call through the channel's breaker and hard timeout, reads also
/// through its retry; Polly's rejections become <see cref="DriverException"/>s (an open circuit is
/// <see cref="DriverFailure.Unreachable"/>, nothing was sent), and every outcome updates the channel's health.
/// </summary>
internal sealed class GuardedLineDriver(SupplyChannel channel, ISubscriberLineDriver inner) : ISubscriberLineDriver
{
    public string ChannelName => inner.ChannelName;

    public Task<SubscriberLine?> FindLineAsync(IPAddress ipAddress, int port, CancellationToken cancellationToken) =>
        RunAsync("find_line", channel.GuardedRead, (ct) => inner.FindLineAsync(ipAddress, port, ct), cancellationToken);

    public Task<SubscriberLine> ReadLineAsync(LineReference line, CancellationToken cancellationToken) =>
        RunAsync("read_line", channel.GuardedRead, (ct) => inner.ReadLineAsync(line, ct), cancellationToken);

    public Task<LineRates> SetRateAsync(LineReference line, Direction direction, long rateKbps, CancellationToken cancellationToken) =>
        RunAsync("set_rate", channel.Guarded, (ct) => inner.SetRateAsync(line, direction, rateKbps, ct), cancellationToken);

    public async Task<DriverHealth> ProbeAsync(CancellationToken cancellationToken)
    {
        var health = await RunAsync("probe", channel.Guarded, async ct =>
        {
            var result = await inner.ProbeAsync(ct).ConfigureAwait(false);
            return result.Healthy ? result : throw new DriverException(DriverFailure.Unreachable, "probe: " + result.Detail);
        }, cancellationToken).ConfigureAwait(false);
        return health;
    }

    private async Task<T> RunAsync<T>(string operation, ResiliencePipeline pipeline, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var activity = SchedulerTracing.StartDriverCall(channel, operation);
        try
        {
            var result = await GuardAsync(pipeline, call, cancellationToken).ConfigureAwait(false);
            SchedulerTracing.Ended(activity, "succeeded");
            return result;
        }
        catch (DriverException e) when (activity is not null)
        {
            activity.SetTag(SchedulerTracing.DriverFailureTag, e.Failure.ToString());
            SchedulerTracing.Ended(activity, e.Failure.ToString(), e.IsChannelFault ? ActivityStatusCode.Error : ActivityStatusCode.Unset, e.Failure.ToString());
            throw;
        }
        catch (Exception e) when (activity is not null)
        {
            SchedulerTracing.Threw(activity, e);
            throw;
        }
    }

    private async Task<T> GuardAsync<T>(ResiliencePipeline pipeline, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        channel.Counters.Call();
        try
        {
            var result = await pipeline.ExecuteAsync(
                static async (state, ct) => await state(ct).ConfigureAwait(false), call, cancellationToken).ConfigureAwait(false);
            channel.Health.Succeeded(channel.Time.GetUtcNow(), "answered");
            return result;
        }
        catch (BrokenCircuitException e)
        {
            channel.Counters.ChannelFault();
            var retryAfter = e.RetryAfter is { } after ? $", next trial in {after.TotalSeconds:0.#} s" : "";
            throw new DriverException(DriverFailure.Unreachable,
                $"Channel '{channel.Name}' is switched off by its circuit breaker after repeated failures{retryAfter}; nothing was sent.", e);
        }
        catch (TimeoutRejectedException e)
        {
            channel.Counters.ChannelFault();
            channel.Health.Failed(channel.Time.GetUtcNow(), $"Timeout after {e.Timeout.TotalSeconds:0.#} s");
            throw new DriverException(DriverFailure.Timeout,
                $"Channel '{channel.Name}' did not finish the call within {e.Timeout.TotalSeconds:0.#} s.", e);
        }
        catch (DriverException e) when (e.IsChannelFault)
        {
            channel.Counters.ChannelFault();
            channel.Health.Failed(channel.Time.GetUtcNow(), $"{e.Failure}: {e.Message}");
            throw;
        }
        catch (DriverException)
        {
            // An answer about the line or value: the channel itself works.
            channel.Health.Succeeded(channel.Time.GetUtcNow(), "answered");
            throw;
        }
    }
}
