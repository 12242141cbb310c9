namespace SpeedUp.Drivers.Conformance.Tests.Targets;

/// <summary>
/// A target that hands the kit drivers wrapped by <paramref name="wrap"/> (to build deliberately broken drivers), and
/// optionally pretends to be another mode or to lack capabilities; everything else is the inner target's.
/// </summary>
public sealed class WrappedTarget(
    IConformanceTarget inner,
    Func<ISubscriberLineDriver, DeviceOptions, ISubscriberLineDriver> wrap,
    ConformanceMode? mode = null,
    TargetCapabilities? capabilities = null) : IConformanceTarget
{
    public string Name => inner.Name + " (wrapped)";

    public ConformanceMode Mode => mode ?? inner.Mode;

    public DriverDeclaration Declaration => inner.Declaration;

    public TargetCapabilities Capabilities => capabilities ?? inner.Capabilities;

    public ISubscriberLineDriverFactory Factory { get; } = new WrappingFactory(inner.Factory, wrap);

    public ConformanceLine KnownLine => inner.KnownLine;

    public CgnatSample? Cgnat => inner.Cgnat;

    public LineReference UnknownLine => inner.UnknownLine;

    public DeviceOptions CreateChannel() => inner.CreateChannel();

    public Task<EquipmentLine> ReadEquipmentAsync(LineReference line, CancellationToken cancellationToken) => inner.ReadEquipmentAsync(line, cancellationToken);

    public Task SetDeviceDelayAsync(TimeSpan delay, CancellationToken cancellationToken) => inner.SetDeviceDelayAsync(delay, cancellationToken);

    public Task<IReadOnlyList<string>> ReadAuditAsync(CancellationToken cancellationToken) => inner.ReadAuditAsync(cancellationToken);

    public Task<IReadOnlyList<DeviceInput>> ReadReceivedAsync(CancellationToken cancellationToken) => inner.ReadReceivedAsync(cancellationToken);

    public Task RestoreEquipmentAsync(LineReference line, LineRates rates, CancellationToken cancellationToken) => inner.RestoreEquipmentAsync(line, rates, cancellationToken);

    public Task SetForcedPagingAsync(int pageLength, CancellationToken cancellationToken) => inner.SetForcedPagingAsync(pageLength, cancellationToken);

    public Task SetVanishedAccountAsync(string? account, CancellationToken cancellationToken) => inner.SetVanishedAccountAsync(account, cancellationToken);

    private sealed class WrappingFactory(ISubscriberLineDriverFactory factory, Func<ISubscriberLineDriver, DeviceOptions, ISubscriberLineDriver> wrap) : ISubscriberLineDriverFactory
    {
        public string DriverName => factory.DriverName;

        public ISubscriberLineDriver Create(DeviceOptions channel) => wrap(factory.Create(channel), channel);
    }
}

/// <summary>
/// Forwards every call to the inner driver (and disposes it); broken drivers override what they break. What it declares it
/// sends (<see cref="IDriverDryRun"/>) is the inner driver's.
/// </summary>
public class ForwardingDriver(ISubscriberLineDriver inner) : ISubscriberLineDriver, IDriverDryRun, IAsyncDisposable
{
    protected ISubscriberLineDriver Inner { get; } = inner;

    public string ChannelName => Inner.ChannelName;

    public virtual Task<SubscriberLine?> FindLineAsync(System.Net.IPAddress ipAddress, int port, CancellationToken cancellationToken) =>
        Inner.FindLineAsync(ipAddress, port, cancellationToken);

    public virtual Task<SubscriberLine> ReadLineAsync(LineReference line, CancellationToken cancellationToken) => Inner.ReadLineAsync(line, cancellationToken);

    public virtual Task<LineRates> SetRateAsync(LineReference line, Direction direction, long rateKbps, CancellationToken cancellationToken) =>
        Inner.SetRateAsync(line, direction, rateKbps, cancellationToken);

    public virtual Task<DriverHealth> ProbeAsync(CancellationToken cancellationToken) => Inner.ProbeAsync(cancellationToken);

    public virtual DryRunPlan Render(DriverOperation operation) =>
        Inner is IDriverDryRun dryRun ? dryRun.Render(operation) : throw new NotSupportedException($"{Inner.GetType().Name} does not declare what it sends.");

    public virtual async ValueTask DisposeAsync()
    {
        if (Inner is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
