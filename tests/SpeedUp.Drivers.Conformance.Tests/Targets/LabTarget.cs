using System.Globalization;
using System.Text.Json;

namespace SpeedUp.Drivers.Conformance.Tests.Targets;

/// <summary>
/// The lab-mode target. With <c>SPEEDUP_CONFORMANCE_LAB=/path/lab.json</c> it is that real device (no fault injection,
/// no audit; writes only with <c>"allowWrites": true</c>): checks it cannot support are reported as skipped with the
/// reason. Without the variable (CI) it <b>rehearses</b> lab mode on the China Telecom simulator: it writes a lab file
/// with the password by environment-variable reference, loads it like a real one (same code path: registered factory
/// by name, second driver instance as independent view) and adds the simulator's fault injection and audit, so every
/// check runs and nothing is skipped.
/// </summary>
public sealed class LabTarget : IConformanceTarget, IAsyncLifetime
{
    private HuaweiSshTarget? _rehearsal;
    private LabConformanceTarget? _lab;
    private string? _rehearsalFile;
    private string? _rehearsalVariable;

    /// <summary>Whether a real lab file is in use (not the simulator rehearsal).</summary>
    public bool IsRealLab { get; private set; }

    private LabConformanceTarget Lab => _lab ?? throw new InvalidOperationException("The lab target did not start.");

    public string Name => IsRealLab ? Lab.Name : Lab.Name + " (lab-mode rehearsal on the simulator)";

    public ConformanceMode Mode => Lab.Mode;

    public DriverDeclaration Declaration => Lab.Declaration;

    public TargetCapabilities Capabilities => Lab.Capabilities;

    public ISubscriberLineDriverFactory Factory => Lab.Factory;

    public ConformanceLine KnownLine => Lab.KnownLine;

    public CgnatSample? Cgnat => Lab.Cgnat;

    public LineReference UnknownLine => Lab.UnknownLine;

    public DeviceOptions CreateChannel() => Lab.CreateChannel();

    public Task<EquipmentLine> ReadEquipmentAsync(LineReference line, CancellationToken cancellationToken) => Lab.ReadEquipmentAsync(line, cancellationToken);

    public Task SetDeviceDelayAsync(TimeSpan delay, CancellationToken cancellationToken) => Lab.SetDeviceDelayAsync(delay, cancellationToken);

    public Task<IReadOnlyList<string>> ReadAuditAsync(CancellationToken cancellationToken) => Lab.ReadAuditAsync(cancellationToken);

    public Task RestoreEquipmentAsync(LineReference line, LineRates rates, CancellationToken cancellationToken) => Lab.RestoreEquipmentAsync(line, rates, cancellationToken);

    public Task SetForcedPagingAsync(int pageLength, CancellationToken cancellationToken) => Lab.SetForcedPagingAsync(pageLength, cancellationToken);

    public Task SetVanishedAccountAsync(string? account, CancellationToken cancellationToken) => Lab.SetVanishedAccountAsync(account, cancellationToken);

    public async ValueTask InitializeAsync()
    {
        var real = LabConfiguration.FromEnvironment();
        if (real is not null)
        {
            IsRealLab = true;
            _lab = new LabConformanceTarget(real, KnownDrivers.CreateFactories(), KnownDrivers.Declarations);
            return;
        }

        _rehearsal = new HuaweiSshTarget();
        await _rehearsal.InitializeAsync();
        var simulator = _rehearsal.Simulator;
        _rehearsalVariable = "SPEEDUP_CONFORMANCE_REHEARSAL_PASSWORD_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(_rehearsalVariable, simulator.SshPassword);
        _rehearsalFile = Path.Combine(Path.GetTempPath(), $"speedup-lab-rehearsal-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(_rehearsalFile, RehearsalJson(simulator.SshPort, simulator.SshUser, simulator.SshHostKeySha256, _rehearsalVariable));
        _lab = new LabConformanceTarget(LabConfiguration.Load(_rehearsalFile), KnownDrivers.CreateFactories(), KnownDrivers.Declarations, instrumentation: _rehearsal);
    }

    public async ValueTask DisposeAsync()
    {
        if (_lab is not null)
        {
            await _lab.DisposeAsync();
        }

        if (_rehearsal is not null)
        {
            await _rehearsal.DisposeAsync();
        }

        if (_rehearsalFile is not null)
        {
            File.Delete(_rehearsalFile);
        }

        if (_rehearsalVariable is not null)
        {
            Environment.SetEnvironmentVariable(_rehearsalVariable, null);
        }
    }

    /// <summary>A lab file for the simulator, as an engineer would write one for a device (docs/conformance.md).</summary>
    internal static string RehearsalJson(int port, string user, string hostKey, string passwordVariable) => string.Create(CultureInfo.InvariantCulture, $$"""
        {
          // The same shape as a real lab file; only the address is the local simulator's.
          "driver": "huawei-cli-ssh",
          "channel": {
            "name": "lab-rehearsal",
            "carrier": "ChinaTelecom",
            "host": "127.0.0.1",
            "port": {{port}},
            "username": {{JsonSerializer.Serialize(user)}},
            "secretEnvironmentVariable": {{JsonSerializer.Serialize(passwordVariable)}},
            "hostKeySha256": {{JsonSerializer.Serialize(hostKey)}},
            "operationTimeout": "00:00:10"
          },
          "line": { "bandId": 330100001, "account": "zj0571a0001", "ipAddress": "202.101.172.35", "port": 443 },
          "cgnat": { "ipAddress": "202.101.172.100", "portInBlock": 1500, "bandId": 330100003, "account": "zj0571a0003", "portOutsideAnyBlock": 5000 },
          "allowWrites": true
        }
        """);
}
