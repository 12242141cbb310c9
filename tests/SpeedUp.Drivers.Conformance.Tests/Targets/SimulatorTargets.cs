using SpeedUp.Drivers.Huawei;
using SpeedUp.Drivers.Zte;
using SpeedUp.Protocols.Snmp;
using SpeedUp.Simulator;

namespace SpeedUp.Drivers.Conformance.Tests.Targets;

/// <summary><c>huawei-cli-ssh</c> against the China Telecom simulator behind real sshd.</summary>
public sealed class HuaweiSshTarget() : SimulatorTarget(new HuaweiCliDriverFactory())
{
    public override string Name => $"huawei-cli-ssh @ simulator (sshd 127.0.0.1:{Simulator.SshPort})";

    public override ConformanceLine KnownLine => TelecomLine;

    public override CgnatSample? Cgnat => TelecomCgnat;

    protected override bool UsesSnmp => false;

    public override DeviceOptions CreateChannel() => SshChannel("ct-conformance-ssh", Carrier.ChinaTelecom, HuaweiCliDriverFactory.Name);

    protected override BrasSimulatorOptions SimulatorOptions() => new()
    {
        SeedFile = RepositoryFiles.TelecomSeed,
        // Its own system user: the password is distinctive (a leak into any message is found) and no other test
        // project using the default user sees its password change.
        Ssh = new SshFrontOptions { User = "conf-ct", Password = "ct-conf-Pw7x" },
    };
}

/// <summary><c>zte-cli-ssh</c> against the China Unicom simulator's ZTE CLI face behind real sshd.</summary>
public sealed class ZteCliSshTarget() : SimulatorTarget(new ZteCliDriverFactory())
{
    public override string Name => $"zte-cli-ssh @ simulator (sshd 127.0.0.1:{Simulator.SshPort})";

    public override ConformanceLine KnownLine => UnicomLine;

    public override CgnatSample? Cgnat => UnicomCgnat;

    protected override bool UsesSnmp => false;

    public override DeviceOptions CreateChannel() => SshChannel("cu-conformance-zte-ssh", Carrier.ChinaUnicom, ZteCliDriverFactory.Name);

    protected override BrasSimulatorOptions SimulatorOptions() => new()
    {
        SeedFile = RepositoryFiles.UnicomSeed,
        CliDialect = CliDialects.Zte,
        Ssh = new SshFrontOptions { User = "conf-cu", Password = "cu-conf-Pw3k" },
    };
}

/// <summary><c>zte-snmp</c> over SNMPv2c against the China Unicom simulator's agent.</summary>
public sealed class ZteSnmpV2cTarget() : SimulatorTarget(new ZteSnmpDriverFactory())
{
    public const string WriteCommunity = "cu-conf-write-9Tz";

    public override string Name => $"zte-snmp v2c @ simulator (udp {Simulator.SnmpEndpoint})";

    public override ConformanceLine KnownLine => UnicomLine;

    public override CgnatSample? Cgnat => UnicomCgnat;

    protected override bool UsesSnmp => true;

    public override DeviceOptions CreateChannel() => new()
    {
        Name = "cu-conformance-snmp-v2c",
        Host = "127.0.0.1",
        Port = Simulator.SnmpEndpoint.Port,
        Secret = WriteCommunity,
        OperationTimeout = TimeSpan.FromSeconds(10),
    };

    protected override BrasSimulatorOptions SimulatorOptions() => new()
    {
        SeedFile = RepositoryFiles.UnicomSeed,
        WriteCommunity = WriteCommunity,
    };
}

/// <summary><c>zte-snmp</c> over SNMPv3 authPriv (SHA-256 + AES) against the China Unicom simulator's agent.</summary>
public sealed class ZteSnmpV3Target() : SimulatorTarget(new ZteSnmpDriverFactory())
{
    public static readonly UsmUser User = new("cuv3-conf", UsmAuthProtocol.HmacSha256, "cuv3-conf-auth-4Wq", UsmPrivProtocol.Aes128, "cuv3-conf-priv-8Jd");

    public override string Name => $"zte-snmp v3 authPriv @ simulator (udp {Simulator.SnmpEndpoint})";

    public override ConformanceLine KnownLine => UnicomLine;

    public override CgnatSample? Cgnat => UnicomCgnat;

    protected override bool UsesSnmp => true;

    public override DeviceOptions CreateChannel()
    {
        var channel = new DeviceOptions
        {
            Name = "cu-conformance-snmp-v3",
            Host = "127.0.0.1",
            Port = Simulator.SnmpEndpoint.Port,
            OperationTimeout = TimeSpan.FromSeconds(10),
        };
        channel.Snmp.Version = "V3";
        channel.Snmp.User = User.Name;
        channel.Snmp.AuthProtocol = "SHA-256";
        channel.Snmp.PrivProtocol = "AES";
        channel.Snmp.AuthSecret = User.AuthPassword;
        channel.Snmp.PrivSecret = User.PrivPassword;
        return channel;
    }

    protected override BrasSimulatorOptions SimulatorOptions() => new()
    {
        SeedFile = RepositoryFiles.UnicomSeed,
        SnmpUsers = { new SnmpAgentUser(User, CanWrite: true, MinimumLevel: SnmpSecurityLevel.AuthPriv) },
    };
}

/// <summary><c>h3c-cli-ssh</c>: the H3C vendor's files (dialect, profile, China Telecom seed) as a class fixture, for its committed record/replay fixture.</summary>
public sealed class H3cVendorTarget() : DialectVendorTarget(KnownDrivers.DialectVendors().Single(vendor => vendor.Name == "h3c-comware"));
