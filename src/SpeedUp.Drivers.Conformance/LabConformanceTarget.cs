using System.Net;

namespace SpeedUp.Drivers.Conformance;

/// <summary>Fault injection and audit of a device, when something can provide them (a simulator); real devices have none.</summary>
public interface IDeviceInstrumentation
{
    /// <summary>Delays every device answer (zero clears).</summary>
    Task SetDeviceDelayAsync(TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>The state-changing commands the device received, oldest first.</summary>
    Task<IReadOnlyList<string>> ReadAuditAsync(CancellationToken cancellationToken);

    /// <summary>Forces the CLI pager on at <paramref name="pageLength"/> lines (0 stops forcing it).</summary>
    Task SetForcedPagingAsync(int pageLength, CancellationToken cancellationToken);

    /// <summary>Makes rate changes of <paramref name="account"/> answer "no such subscriber" (null ends it).</summary>
    Task SetVanishedAccountAsync(string? account, CancellationToken cancellationToken);
}

/// <summary>
/// A target from a lab file: the driver's registered factory by name, the channel of the file, and as independent view
/// a <b>second driver instance</b> of the same factory (its own sessions). Capabilities: <see cref="TargetCapabilities.Writes"/>
/// only with <c>"allowWrites": true</c>; <see cref="TargetCapabilities.Cgnat"/> only with a <c>cgnat</c> sample; fault
/// injection and audit only when <see cref="IDeviceInstrumentation"/> is given (never for a real device).
/// </summary>
public sealed class LabConformanceTarget : IConformanceTarget, IAsyncDisposable
{
    private readonly LabConfiguration _lab;
    private readonly IDeviceInstrumentation? _instrumentation;
    private readonly Lazy<ISubscriberLineDriver> _independent;

    /// <summary>Creates the target.</summary>
    /// <param name="lab">The lab file.</param>
    /// <param name="factories">Every registered driver factory; the one named by the file is used.</param>
    /// <param name="declarations">What each driver declares, by name.</param>
    /// <param name="instrumentation">Fault injection and audit, when available (a rehearsal on a simulator); null on a real device.</param>
    public LabConformanceTarget(
        LabConfiguration lab,
        IEnumerable<ISubscriberLineDriverFactory> factories,
        IReadOnlyDictionary<string, DriverDeclaration> declarations,
        IDeviceInstrumentation? instrumentation = null)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(factories);
        ArgumentNullException.ThrowIfNull(declarations);
        _lab = lab;
        _instrumentation = instrumentation;
        var available = factories.ToList();
        Factory = available.FirstOrDefault(f => string.Equals(f.DriverName, lab.Driver, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The lab file names driver '{lab.Driver}'; registered: {string.Join(", ", available.Select(f => f.DriverName))}.");
        Declaration = declarations.TryGetValue(lab.Driver, out var declaration)
            ? declaration
            : throw new InvalidOperationException($"No conformance declaration for driver '{lab.Driver}'.");
        Capabilities = (lab.AllowWrites ? TargetCapabilities.Writes : TargetCapabilities.None)
            | (lab.Cgnat is not null ? TargetCapabilities.Cgnat : TargetCapabilities.None)
            | (instrumentation is not null ? TargetCapabilities.DeviceDelay | TargetCapabilities.Audit | TargetCapabilities.Paging | TargetCapabilities.VanishingLine : TargetCapabilities.None);
        KnownLine = new ConformanceLine(new LineReference(lab.Line.BandId, lab.Line.Account), IPAddress.Parse(lab.Line.IpAddress), lab.Line.Port);
        Cgnat = lab.Cgnat is { } c
            ? new CgnatSample(IPAddress.Parse(c.IpAddress), c.PortInBlock, new LineReference(c.BandId, c.Account), c.PortOutsideAnyBlock)
            : null;
        UnknownLine = lab.UnknownLine is { } u ? new LineReference(u.BandId, u.Account) : new LineReference(2_000_000_001, "zz-conformance-nobody");
        _independent = new Lazy<ISubscriberLineDriver>(() => Factory.Create(lab.ToChannel("-independent-view")));
    }

    /// <inheritdoc/>
    public string Name => $"{_lab.Driver} @ lab {_lab.Channel.Host}:{_lab.Channel.Port}";

    /// <inheritdoc/>
    public ConformanceMode Mode => ConformanceMode.Lab;

    /// <inheritdoc/>
    public DriverDeclaration Declaration { get; }

    /// <inheritdoc/>
    public TargetCapabilities Capabilities { get; }

    /// <inheritdoc/>
    public ISubscriberLineDriverFactory Factory { get; }

    /// <inheritdoc/>
    public ConformanceLine KnownLine { get; }

    /// <inheritdoc/>
    public CgnatSample? Cgnat { get; }

    /// <inheritdoc/>
    public LineReference UnknownLine { get; }

    /// <inheritdoc/>
    public DeviceOptions CreateChannel() => _lab.ToChannel();

    /// <inheritdoc/>
    public async Task<EquipmentLine> ReadEquipmentAsync(LineReference line, CancellationToken cancellationToken)
    {
        var read = await _independent.Value.ReadLineAsync(line, cancellationToken).ConfigureAwait(false);
        return new EquipmentLine(read.Current, read.Capability);
    }

    /// <inheritdoc/>
    public async Task RestoreEquipmentAsync(LineReference line, LineRates rates, CancellationToken cancellationToken)
    {
        var now = await _independent.Value.ReadLineAsync(line, cancellationToken).ConfigureAwait(false);
        foreach (var direction in Enum.GetValues<Direction>().Where(direction => now.Current.Of(direction) != rates.Of(direction)))
        {
            await _independent.Value.SetRateAsync(line, direction, rates.Of(direction), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public Task SetDeviceDelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        _instrumentation?.SetDeviceDelayAsync(delay, cancellationToken)
            ?? throw new NotSupportedException("A lab device cannot be slowed down by the kit.");

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> ReadAuditAsync(CancellationToken cancellationToken) =>
        _instrumentation?.ReadAuditAsync(cancellationToken)
            ?? throw new NotSupportedException("A lab device's audit is not visible to the kit.");

    /// <inheritdoc/>
    public Task SetForcedPagingAsync(int pageLength, CancellationToken cancellationToken) =>
        _instrumentation?.SetForcedPagingAsync(pageLength, cancellationToken)
            ?? throw new NotSupportedException("The kit cannot force a lab device's pager on.");

    /// <inheritdoc/>
    public Task SetVanishedAccountAsync(string? account, CancellationToken cancellationToken) =>
        _instrumentation?.SetVanishedAccountAsync(account, cancellationToken)
            ?? throw new NotSupportedException("A lab device cannot be told to forget a subscriber.");

    /// <summary>Closes the independent view's sessions.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_independent.IsValueCreated)
        {
            return;
        }

        switch (_independent.Value)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
