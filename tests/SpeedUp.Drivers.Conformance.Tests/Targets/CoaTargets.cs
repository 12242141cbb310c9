using SpeedUp.Drivers.Coa;
using SpeedUp.Simulator;

namespace SpeedUp.Drivers.Conformance.Tests.Targets;

/// <summary>
/// <c>huawei-coa</c> against the China Telecom simulator: writes to its CoA face (UDP, loopback), reads through its
/// Huawei VRP CLI behind real sshd (<c>Coa:ReadDriver = huawei-cli-ssh</c>). A device delay slows both faces.
/// </summary>
public sealed class HuaweiCoaTarget() : SimulatorTarget(new HuaweiCoaDriverFactory())
{
    public const string CoaSecret = "ct-conf-coa-Hx5r";

    public override string Name => $"huawei-coa @ simulator (CoA udp {Simulator.CoaEndpoint}, reads sshd 127.0.0.1:{Simulator.SshPort})";

    public override ConformanceLine KnownLine => TelecomLine;

    public override CgnatSample? Cgnat => TelecomCgnat;

    protected override bool UsesSnmp => false;

    public override DeviceOptions CreateChannel()
    {
        var channel = SshChannel("ct-conformance-coa", Carrier.ChinaTelecom, HuaweiCoaDriverFactory.Name);
        channel.Coa.ReadDriver = "huawei-cli-ssh";
        channel.Coa.Port = Simulator.CoaEndpoint.Port;
        channel.Coa.Secret = CoaSecret;
        return channel;
    }

    public override async Task SetDeviceDelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        await base.SetDeviceDelayAsync(delay, cancellationToken);
        Simulator.Faults.CoaLatency = delay;
    }

    protected override BrasSimulatorOptions SimulatorOptions() => new()
    {
        SeedFile = RepositoryFiles.TelecomSeed,
        Ssh = new SshFrontOptions { User = "conf-ct-coa", Password = "ct-coa-conf-Pw4v" },
        Coa = new CoaFaceOptions { Secret = CoaSecret },
    };
}

/// <summary>
/// <c>zte-coa</c> against the China Unicom simulator: writes to its CoA face, reads through its SNMP agent over v2c
/// (<c>Coa:ReadDriver = zte-snmp</c>). A device delay slows both faces.
/// </summary>
public sealed class ZteCoaTarget() : SimulatorTarget(new ZteCoaDriverFactory())
{
    public const string CoaSecret = "cu-conf-coa-Lm2d";
    public const string WriteCommunity = "cu-conf-coa-write-3Jp";

    public override string Name => $"zte-coa @ simulator (CoA udp {Simulator.CoaEndpoint}, reads snmp {Simulator.SnmpEndpoint})";

    public override ConformanceLine KnownLine => UnicomLine;

    public override CgnatSample? Cgnat => UnicomCgnat;

    protected override bool UsesSnmp => true;

    /// <summary>Reads over SNMP (no pager); writes by CoA, whose face answers for a vanished subscriber.</summary>
    protected override TargetCapabilities FaceCapabilities => TargetCapabilities.VanishingLine;

    public override DeviceOptions CreateChannel()
    {
        var channel = new DeviceOptions
        {
            Name = "cu-conformance-coa",
            Host = "127.0.0.1",
            Port = Simulator.SnmpEndpoint.Port,
            Secret = WriteCommunity,
            OperationTimeout = TimeSpan.FromSeconds(10),
        };
        channel.Coa.ReadDriver = "zte-snmp";
        channel.Coa.Port = Simulator.CoaEndpoint.Port;
        channel.Coa.Secret = CoaSecret;
        return channel;
    }

    public override async Task SetDeviceDelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        await base.SetDeviceDelayAsync(delay, cancellationToken);
        Simulator.Faults.CoaLatency = delay;
    }

    protected override BrasSimulatorOptions SimulatorOptions() => new()
    {
        SeedFile = RepositoryFiles.UnicomSeed,
        WriteCommunity = WriteCommunity,
        Coa = new CoaFaceOptions { Secret = CoaSecret },
    };
}
