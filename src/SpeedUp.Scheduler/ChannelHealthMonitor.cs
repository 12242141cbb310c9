using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpeedUp.Drivers;

namespace SpeedUp.Scheduler;

/// <summary>
/// Probes every channel each <see cref="ChannelHealthOptions.HealthProbeInterval"/>, so health is known before
/// traffic needs it and an open circuit is tried again (half-open) even when no request comes. Logs changes only.
/// </summary>
public sealed partial class ChannelHealthMonitor(
    SupplyChannelRegistry registry,
    IOptions<ChannelHealthOptions> options,
    TimeProvider time,
    ILogger<ChannelHealthMonitor> logger) : BackgroundService
{
    /// <summary>Probes every channel once, concurrently.</summary>
    public Task ProbeAllAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(registry.Channels.Select(c => ProbeAsync(c, cancellationToken)));

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HealthProbeInterval, time);
        do
        {
            await ProbeAllAsync(stoppingToken).ConfigureAwait(false);
            await RefreshUsageAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Reads what every instance's speed-ups hold, so candidates are ordered by the whole deployment's usage.</summary>
    private async Task RefreshUsageAsync(CancellationToken cancellationToken)
    {
        try
        {
            await registry.RefreshUsageAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogUsageUnread(e.Message);
        }
    }

    private async Task ProbeAsync(SupplyChannel channel, CancellationToken cancellationToken)
    {
        var before = channel.Health.State;
        DriverHealth result;
        try
        {
            result = await channel.ProbeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }

        var after = channel.Health.State;
        if (after != before)
        {
            if (after == ChannelHealthState.Healthy)
            {
                LogHealthy(channel.Name, result.Latency.TotalMilliseconds);
            }
            else
            {
                LogUnhealthy(channel.Name, result.Detail);
            }
        }
    }

    [LoggerMessage(EventId = 2020, Level = LogLevel.Information, Message = "Channel {Channel} is healthy (probe {LatencyMs:0.#} ms)")]
    private partial void LogHealthy(string channel, double latencyMs);

    [LoggerMessage(EventId = 2022, Level = LogLevel.Warning, Message = "Channel usage could not be read from the store: {Error}")]
    private partial void LogUsageUnread(string error);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Warning, Message = "Channel {Channel} is unhealthy: {Detail}")]
    private partial void LogUnhealthy(string channel, string detail);
}
