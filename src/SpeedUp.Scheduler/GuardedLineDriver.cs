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
        RunAsync("find", channel.GuardedRead, (ct) => inner.FindLineAsync(ipAddress, port, ct), cancellationToken);

    public Task<SubscriberLine> ReadLineAsync(LineReference line, CancellationToken cancellationToken) =>
        RunAsync("read", channel.GuardedRead, (ct) => inner.ReadLineAsync(line, ct), cancellationToken);

    public Task<LineRates> SetRateAsync(LineReference line, Direction direction, long rateKbps, CancellationToken cancellationToken) =>
        RunAsync("write", channel.Guarded, (ct) => inner.SetRateAsync(line, direction, rateKbps, ct), cancellationToken);

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
        using var activity = SchedulerTracing.StartDriverCall(channel, SpanOperation(operation));
        try
        {
            var result = await GuardAsync(operation, pipeline, call, cancellationToken).ConfigureAwait(false);
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

    private async Task<T> GuardAsync<T>(string operation, ResiliencePipeline pipeline, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var started = channel.Time.GetTimestamp();
        TimeSpan Elapsed() => channel.Time.GetElapsedTime(started);
        try
        {
            var result = await pipeline.ExecuteAsync(
                static async (state, ct) => await state(ct).ConfigureAwait(false), call, cancellationToken).ConfigureAwait(false);
            channel.Counters.Completed(operation, Elapsed(), errorType: null, channelFault: false);
            channel.Health.Succeeded(channel.Time.GetUtcNow(), "answered");
            return result;
        }
        catch (BrokenCircuitException e)
        {
            channel.Counters.Completed(operation, Elapsed(), "circuit_open", channelFault: true);
            var retryAfter = e.RetryAfter is { } after ? $", next trial in {after.TotalSeconds:0.#} s" : "";
            throw new DriverException(DriverFailure.Unreachable,
                $"Channel '{channel.Name}' is switched off by its circuit breaker after repeated failures{retryAfter}; nothing was sent.", e);
        }
        catch (TimeoutRejectedException e)
        {
            channel.Counters.Completed(operation, Elapsed(), ErrorType(DriverFailure.Timeout), channelFault: true);
            channel.Health.Failed(channel.Time.GetUtcNow(), $"Timeout after {e.Timeout.TotalSeconds:0.#} s");
            throw new DriverException(DriverFailure.Timeout,
                $"Channel '{channel.Name}' did not finish the call within {e.Timeout.TotalSeconds:0.#} s.", e);
        }
        catch (DriverException e) when (e.Failure == DriverFailure.Busy)
        {
            // Every session of the driver in use: the channel works, for others. Not a fault, not an answer.
            channel.Counters.Completed(operation, Elapsed(), ErrorType(e.Failure), channelFault: false);
            throw;
        }
        catch (DriverException e) when (e.IsChannelFault)
        {
            channel.Counters.Completed(operation, Elapsed(), ErrorType(e.Failure), channelFault: true);
            channel.Health.Failed(channel.Time.GetUtcNow(), $"{e.Failure}: {e.Message}");
            throw;
        }
        catch (DriverException e)
        {
            // An answer about the line or value: the channel itself works.
            channel.Counters.Completed(operation, Elapsed(), ErrorType(e.Failure), channelFault: false);
            channel.Health.Succeeded(channel.Time.GetUtcNow(), "answered");
            throw;
        }
        catch (OperationCanceledException)
        {
            channel.Counters.Completed(operation, Elapsed(), "cancelled", channelFault: false);
            throw;
        }
    }

    /// <summary>The span of a driver call is named after the driver method (<c>driver.set_rate</c>); metrics use the short operation (<c>write</c>).</summary>
    private static string SpanOperation(string operation) => operation switch
    {
        "find" => "find_line",
        "read" => "read_line",
        "write" => "set_rate",
        _ => operation,
    };

    /// <summary>The <c>error.type</c> of a driver failure: <c>line_not_found</c>, <c>timeout</c>, ….</summary>
    internal static string ErrorType(DriverFailure failure) => Core.Telemetry.MetricTags.SnakeCase(failure);
}
