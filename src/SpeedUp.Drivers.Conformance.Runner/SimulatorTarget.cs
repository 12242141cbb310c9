using System.Net;
using SpeedUp.Simulator;

namespace SpeedUp.Drivers.Conformance.Runner;

/// <summary>
/// A conformance target backed by a BRAS simulator it starts (a test class fixture, or the conformance command): the
/// driver's real factory, the simulator's state as independent view, its faults for device delay, forced paging and a
/// vanishing line, its audit log, everything its faces received. Every capability is offered, Paging and VanishingLine
/// where the driver's faces have them. Needs root, sshd, socat (scripts/setup.sh) for the SSH faces; without them it
/// fails to start, never skips.
/// </summary>
public abstract class SimulatorTarget : IConformanceTarget, Xunit.IAsyncLifetime, IDeviceInstrumentation
{
    private BrasSimulator? _simulator;

    protected SimulatorTarget(ISubscriberLineDriverFactory factory) => Factory = factory;

    /// <summary>A channel to the simulator's SSH front: its port, user, password and pinned host key, a 10 s budget.</summary>
    protected DeviceOptions SshChannel(string name, Carrier carrier, string driver) => new()
    {
        Name = name,
        Host = "127.0.0.1",
        Port = Simulator.SshPort,
        Username = Simulator.SshUser,
        Secret = Simulator.SshPassword,
        HostKeySha256 = Simulator.SshHostKeySha256,
        OperationTimeout = TimeSpan.FromSeconds(10),
    };

    public BrasSimulator Simulator => _simulator ?? throw new InvalidOperationException("The simulator did not start.");

    public abstract string Name { get; }

    public ConformanceMode Mode => ConformanceMode.Simulator;

    /// <summary>Every driver of this project sets both directions.</summary>
    public virtual DriverDeclaration Declaration => new(Factory.DriverName, [Direction.Up, Direction.Down]);

    public virtual TargetCapabilities Capabilities => TargetCapabilities.All | FaceCapabilities;

    /// <summary>
    /// What the driver's faces allow beyond <see cref="TargetCapabilities.All"/>: a CLI reader is paged and its writes can
    /// meet a vanished subscriber (default); an SNMP reader has no pager and its SETs no vanished-subscriber answer.
    /// </summary>
    protected virtual TargetCapabilities FaceCapabilities => UsesSnmp ? TargetCapabilities.None : TargetCapabilities.Paging | TargetCapabilities.VanishingLine;

    public ISubscriberLineDriverFactory Factory { get; }

    public abstract ConformanceLine KnownLine { get; }

    public abstract CgnatSample? Cgnat { get; }

    public LineReference UnknownLine { get; } = new(2_000_000_001, "zz-conformance-nobody");

    /// <summary>Whether the driver reaches the SNMP face (delay = SNMP latency) rather than the CLI (command latency).</summary>
    protected abstract bool UsesSnmp { get; }

    public abstract DeviceOptions CreateChannel();

    protected abstract BrasSimulatorOptions SimulatorOptions();

    /// <summary>Starts the simulator (class fixture entry point).</summary>
    public ValueTask InitializeAsync() => StartAsync(CancellationToken.None);

    /// <summary>Starts the simulator.</summary>
    public async ValueTask StartAsync(CancellationToken cancellationToken)
    {
        var options = SimulatorOptions();
        if (options.Ssh is not null && (!OperatingSystem.IsLinux() || Environment.UserName != "root" ||
                                        !File.Exists(OpenSshFront.Sshd) || !File.Exists(OpenSshFront.Socat)))
        {
            throw new InvalidOperationException("The SSH conformance targets need Linux, root, /usr/sbin/sshd and /usr/bin/socat: run scripts/setup.sh as root.");
        }

        _simulator = await BrasSimulator.StartAsync(options, cancellationToken);
    }

    public virtual async ValueTask DisposeAsync()
    {
        switch (Factory)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }

        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    public Task<EquipmentLine> ReadEquipmentAsync(LineReference line, CancellationToken cancellationToken)
    {
        var state = Simulator.State.FindByBandId(checked((int)line.BandId))
            ?? throw new InvalidOperationException($"The simulator holds no band {line.BandId}.");
        return Task.FromResult(new EquipmentLine(
            new LineRates(state.UpKbps, state.DownKbps),
            new LineCapability(state.MaxUpKbps, state.MaxDownKbps, state.SpeedUpPermitted)));
    }

    public virtual Task SetDeviceDelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (UsesSnmp)
        {
            Simulator.Faults.SnmpLatency = delay;
        }
        else
        {
            Simulator.Faults.CommandLatency = delay;
        }

        return Task.CompletedTask;
    }

    public Task RestoreEquipmentAsync(LineReference line, LineRates rates, CancellationToken cancellationToken)
    {
        var band = checked((int)line.BandId);
        Simulator.State.SetRates(
            [new RateChange(band, RateDirection.Up, rates.UpKbps), new RateChange(band, RateDirection.Down, rates.DownKbps)],
            CommandFace.Control, "conformance kit: restore after a failed check");
        return Task.CompletedTask;
    }

    public Task SetForcedPagingAsync(int pageLength, CancellationToken cancellationToken)
    {
        if (pageLength > 0)
        {
            Simulator.Faults.ForcedPageLength = pageLength;
        }

        Simulator.Faults.ForcePaging = pageLength > 0;
        return Task.CompletedTask;
    }

    public Task SetVanishedAccountAsync(string? account, CancellationToken cancellationToken)
    {
        Simulator.Faults.VanishedAccount = account;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ReadAuditAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. Simulator.State.AuditLog.Select(entry => $"{entry.Face}: {entry.Command} → {entry.Outcome}")]);

    /// <summary>Every CLI line and SNMP request the simulator received (<see cref="BrasSimulator.Received"/>).</summary>
    public Task<IReadOnlyList<DeviceInput>> ReadReceivedAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DeviceInput>>([.. Simulator.Received.All.Select(input => new DeviceInput(input.Sequence, input.Text))]);

    /// <summary>China Telecom's seed: zj0571a0001 on its own address; three lines behind 202.101.172.100.</summary>
    protected static ConformanceLine TelecomLine { get; } = new(new LineReference(330100001, "zj0571a0001"), IPAddress.Parse("202.101.172.35"), 443);

    protected static CgnatSample TelecomCgnat { get; } = new(IPAddress.Parse("202.101.172.100"), 2500, new LineReference(330100004, "zj0571a0004"), 80);

    /// <summary>China Unicom's seed: bj010u0001 on its own address; three lines behind 58.240.57.100.</summary>
    protected static ConformanceLine UnicomLine { get; } = new(new LineReference(411000001, "bj010u0001"), IPAddress.Parse("202.106.0.20"), 443);

    protected static CgnatSample UnicomCgnat { get; } = new(IPAddress.Parse("58.240.57.100"), 3500, new LineReference(432000004, "js025u0004"), 5000);
}
