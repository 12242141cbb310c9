using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using SpeedUp.Drivers;

namespace SpeedUp.Scheduler;

/// <summary>
/// One configured supply channel at run time: its options, the driver reaching its equipment guarded by Polly
/// (a hard timeout and a circuit breaker on every call, limited retries for reads only), its capacity, health and counters.
/// </summary>
public sealed partial class SupplyChannel : IAsyncDisposable
{
    private readonly ISubscriberLineDriver _inner;
    private readonly CircuitBreakerStateProvider _circuit = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HashSet<string> _provinces;

    /// <summary>Wraps <paramref name="driver"/> for <paramref name="options"/>; its events are recorded in <paramref name="metrics"/>.</summary>
    public SupplyChannel(SupplyChannelOptions options, ISubscriberLineDriver driver, ChannelMetrics metrics, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Counters = new ChannelCounters(metrics, options.Name, options.Driver);
        _inner = driver;
        _time = time;
        _logger = logger;
        Capacity = new ChannelCapacity(options.Capacity);
        Tiers = options.Tiers.Select(t => ChannelTier.TryParse(t, out var tier) ? tier : throw new ArgumentException($"Bad tier '{t}'.", nameof(options)))
            .ToHashSet();
        Provinces = ChannelProvinces.Served(options);
        _provinces = Provinces.ToHashSet(StringComparer.Ordinal);
        var resilience = options.Resilience;
        var callTimeout = resilience.CallTimeout ?? options.OperationTimeout + TimeSpan.FromSeconds(2);
        var isChannelFault = new PredicateBuilder()
            .Handle<DriverException>(e => e.IsChannelFault)
            .Handle<TimeoutRejectedException>();
        Guarded = new ResiliencePipelineBuilder { Name = options.Name, TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = resilience.FailureRatio,
                MinimumThroughput = resilience.MinimumThroughput,
                SamplingDuration = resilience.SamplingDuration,
                BreakDuration = resilience.BreakDuration,
                ShouldHandle = isChannelFault,
                StateProvider = _circuit,
                OnOpened = args =>
                {
                    Counters.Opened();
                    LogCircuitOpened(options.Name, args.BreakDuration, args.Outcome.Exception?.Message ?? "failures");
                    return default;
                },
                OnHalfOpened = _ =>
                {
                    LogCircuitHalfOpen(options.Name);
                    return default;
                },
                OnClosed = _ =>
                {
                    LogCircuitClosed(options.Name);
                    return default;
                },
            })
            .AddTimeout(callTimeout)
            .Build();
        GuardedRead = resilience.ReadRetries == 0
            ? Guarded
            : new ResiliencePipelineBuilder { Name = options.Name + "/read", TimeProvider = time }
                .AddRetry(new RetryStrategyOptions
                {
                    MaxRetryAttempts = resilience.ReadRetries,
                    Delay = resilience.RetryDelay,
                    BackoffType = DelayBackoffType.Constant,
                    ShouldHandle = new PredicateBuilder()
                        .Handle<DriverException>(e => e.IsTransient)
                        .Handle<TimeoutRejectedException>(),
                })
                .AddPipeline(Guarded)
                .Build();
        Driver = new GuardedLineDriver(this, _inner);
        var admission = options.Admission;
        Admission = new ChannelAdmission(
            admission.MaxConcurrentCalls > 0 ? admission.MaxConcurrentCalls
                : driver is IDriverConcurrency concurrency ? Math.Max(1, concurrency.MaxConcurrentOperations)
                : ChannelAdmissionOptions.DefaultMaxConcurrentCalls,
            admission.QueueLimit,
            admission.QueueLimitPerCustomer,
            admission.QueueTimeout ?? options.OperationTimeout,
            time);
    }

    /// <summary>The channel's configuration.</summary>
    public SupplyChannelOptions Options { get; }

    /// <summary>The channel's name.</summary>
    public string Name => Options.Name;

    /// <summary>The tiers it can apply (empty = all).</summary>
    public IReadOnlySet<ChannelTier> Tiers { get; }

    /// <summary>The provinces it serves (<see cref="ChannelProvinces.Served"/>: replacements and exclusions applied), in configuration order.</summary>
    public IReadOnlyList<string> Provinces { get; }

    /// <summary>The guarded driver every caller uses.</summary>
    public ISubscriberLineDriver Driver { get; }

    /// <summary>Capacity handed out.</summary>
    public ChannelCapacity Capacity { get; }

    /// <summary>The channel's call slots: who runs now and who waits.</summary>
    public ChannelAdmission Admission { get; }

    /// <summary>Latest observations.</summary>
    public ChannelHealth Health { get; } = new();

    /// <summary>Totals since start-up.</summary>
    public ChannelCounters Counters { get; }

    /// <summary>The circuit breaker's state.</summary>
    public ChannelCircuitState Circuit => _circuit.CircuitState switch
    {
        CircuitState.Open => ChannelCircuitState.Open,
        CircuitState.HalfOpen => ChannelCircuitState.HalfOpen,
        CircuitState.Isolated => ChannelCircuitState.Isolated,
        _ => ChannelCircuitState.Closed,
    };

    /// <summary>Breaker + timeout: every call.</summary>
    internal ResiliencePipeline Guarded { get; }

    /// <summary>Retry around <see cref="Guarded"/>: reads and probes.</summary>
    internal ResiliencePipeline GuardedRead { get; }

    internal TimeProvider Time => _time;

    /// <summary>Whether the channel serves the carrier, province and (when given) tier.</summary>
    public bool Serves(Carrier carrier, string province, Direction? direction, int? bandwidthMbps) =>
        Options.Carrier == carrier
        && _provinces.Contains(province)
        && (direction is null || bandwidthMbps is null || Tiers.Count == 0 || Tiers.Contains(new ChannelTier(direction.Value, bandwidthMbps.Value)));

    /// <summary>
    /// What <paramref name="operation"/> would send through this channel, without touching the device; null when its
    /// driver cannot tell (does not implement <see cref="IDriverDryRun"/>).
    /// </summary>
    public DryRunPlan? DryRun(DriverOperation operation) => _inner is IDriverDryRun dryRun ? dryRun.Render(operation) : null;

    /// <summary>
    /// Probes the equipment through the breaker (so a successful probe closes a half-open circuit), in a call slot
    /// ahead of every customer's call. When no slot came within the queue timeout the channel is busy, not broken: the
    /// probe is skipped and the channel's health is left as it was.
    /// </summary>
    public async Task<DriverHealth> ProbeAsync(CancellationToken cancellationToken)
    {
        using var slot = await Admission.EnterAsync(customerId: null, cancellationToken).ConfigureAwait(false);
        if (slot is null)
        {
            return new DriverHealth(Health.State != ChannelHealthState.Unhealthy,
                $"busy: all {Admission.MaxConcurrentCalls} call slots stayed in use; probe skipped", TimeSpan.Zero);
        }

        var started = _time.GetTimestamp();
        DriverHealth result;
        try
        {
            result = await Driver.ProbeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DriverException e)
        {
            result = new DriverHealth(false, $"{e.Failure}: {e.Message}", _time.GetElapsedTime(started));
        }

        Health.Probed(_time.GetUtcNow(), result.Latency);
        return result;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        switch (_inner)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Channel {Channel}: circuit OPEN for {BreakDuration} after {Cause}")]
    private partial void LogCircuitOpened(string channel, TimeSpan breakDuration, string cause);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Channel {Channel}: circuit half-open, the next call is a trial")]
    private partial void LogCircuitHalfOpen(string channel);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Channel {Channel}: circuit closed, the channel is back")]
    private partial void LogCircuitClosed(string channel);
}
