using System.Globalization;

namespace SpeedUp.Testing;

/// <summary>Service settings that describe supply-channel layouts over the simulators, for chaos tests and benchmarks.</summary>
public static class ChannelSettings
{
    /// <summary>The Telecom provinces of the simulator's seed that the product serves.</summary>
    public static readonly string[] TelecomSeedProvinces = ["Zhejiang", "Sichuan", "Shaanxi", "Yunnan"];

    /// <summary>
    /// China Telecom served by two channels to the same simulated BRAS: the configured SSH CLI channel
    /// (<c>ct-huawei-ssh</c>, index 0, priority 10) and an SNMP backup (<c>ct-snmp</c>, index 2, priority 20,
    /// driver <c>zte-snmp</c> against the simulator's agent), probed every 250 ms, sessions reconciled every 500 ms.
    /// </summary>
    public static Dictionary<string, string> TelecomWithSnmpBackup(CarrierSimulators networks)
    {
        ArgumentNullException.ThrowIfNull(networks);
        var settings = new Dictionary<string, string>
        {
            ["SpeedUp:Scheduler:HealthProbeInterval"] = "00:00:00.250",
            ["SpeedUp:Sessions:ReconcileInterval"] = "00:00:00.500",
            ["SpeedUp:Channels:0:Priority"] = "10",
            ["SpeedUp:Channels:0:OperationTimeout"] = "00:00:03",
            ["SpeedUp:Channels:2:Name"] = "ct-snmp",
            ["SpeedUp:Channels:2:Carrier"] = "ChinaTelecom",
            ["SpeedUp:Channels:2:Driver"] = "zte-snmp",
            ["SpeedUp:Channels:2:Host"] = "127.0.0.1",
            ["SpeedUp:Channels:2:Port"] = networks.Telecom.SnmpEndpoint.Port.ToString(CultureInfo.InvariantCulture),
            ["SpeedUp:Channels:2:Secret"] = "private",
            ["SpeedUp:Channels:2:Priority"] = "20",
            ["SpeedUp:Channels:2:OperationTimeout"] = "00:00:01",
        };
        for (var i = 0; i < TelecomSeedProvinces.Length; i++)
        {
            settings[$"SpeedUp:Channels:2:Provinces:{i}"] = TelecomSeedProvinces[i];
        }

        return settings;
    }

    /// <summary>The environment variable that carries the CoA shared secret in <see cref="TelecomCoaWithCliFallback"/>.</summary>
    public const string TelecomCoaSecretVariable = "SPEEDUP_CT_COA_SECRET";

    /// <summary>
    /// Zhejiang's China Telecom lines served first by a RADIUS CoA channel (<c>ct-huawei-coa</c>, index 2, priority 10,
    /// driver <c>huawei-coa</c>: writes by CoA-Request to the simulator's CoA face, read-backs through the same BRAS's
    /// Huawei CLI over sshd), with the configured SSH CLI channel (<c>ct-huawei-ssh</c>, index 0, priority 100) as the
    /// fallback for Zhejiang and the only channel of the other provinces. Configuration only: the secrets by environment
    /// variable, the host key pinned. Probes every 250 ms, sessions reconciled every 500 ms; one CoA attempt waits
    /// <paramref name="coaAttemptTimeout"/> (default 300 ms) and is retransmitted once.
    /// </summary>
    public static Dictionary<string, string> TelecomCoaWithCliFallback(CarrierSimulators networks, TimeSpan? coaAttemptTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(networks);
        var attempt = coaAttemptTimeout ?? TimeSpan.FromMilliseconds(300);
        return new Dictionary<string, string>
        {
            ["SpeedUp:Scheduler:HealthProbeInterval"] = "00:00:00.250",
            ["SpeedUp:Sessions:ReconcileInterval"] = "00:00:00.500",
            ["SpeedUp:Channels:0:OperationTimeout"] = "00:00:03",
            ["SpeedUp:Channels:2:Name"] = "ct-huawei-coa",
            ["SpeedUp:Channels:2:Carrier"] = "ChinaTelecom",
            ["SpeedUp:Channels:2:Provinces:0"] = "Zhejiang",
            ["SpeedUp:Channels:2:Driver"] = "huawei-coa",
            ["SpeedUp:Channels:2:Priority"] = "10",
            ["SpeedUp:Channels:2:Host"] = "127.0.0.1",
            ["SpeedUp:Channels:2:Port"] = networks.Telecom.SshPort.ToString(CultureInfo.InvariantCulture),
            ["SpeedUp:Channels:2:Username"] = networks.Telecom.SshUser,
            ["SpeedUp:Channels:2:SecretEnvironmentVariable"] = "SPEEDUP_CT_SSH_PASSWORD",
            ["SpeedUp:Channels:2:HostKeySha256"] = networks.Telecom.SshHostKeySha256,
            ["SpeedUp:Channels:2:OperationTimeout"] = "00:00:03",
            ["SpeedUp:Channels:2:Coa:ReadDriver"] = "huawei-cli-ssh",
            ["SpeedUp:Channels:2:Coa:Port"] = networks.Telecom.CoaEndpoint.Port.ToString(CultureInfo.InvariantCulture),
            ["SpeedUp:Channels:2:Coa:SecretEnvironmentVariable"] = TelecomCoaSecretVariable,
            ["SpeedUp:Channels:2:Coa:AttemptTimeout"] = attempt.ToString("c", CultureInfo.InvariantCulture),
            ["SpeedUp:Channels:2:Coa:Retries"] = "1",
            [TelecomCoaSecretVariable] = CarrierSimulators.CoaSecret,
        };
    }

    /// <summary>
    /// The China Unicom channel (<c>SpeedUp:Channels:1</c>) as an SNMPv3 authPriv user (SHA-256 + AES) of the simulator,
    /// its passwords by environment variable (<paramref name="authPassword"/>: the one to use; a wrong one must fail), the
    /// v2c community wrong so that only v3 can work.
    /// </summary>
    public static Dictionary<string, string> UnicomSnmpV3(string authPassword) => new()
    {
        ["SpeedUp:Channels:1:Snmp:Version"] = "V3",
        ["SpeedUp:Channels:1:Snmp:User"] = CarrierSimulators.UnicomV3User.Name,
        ["SpeedUp:Channels:1:Snmp:AuthProtocol"] = "SHA-256",
        ["SpeedUp:Channels:1:Snmp:PrivProtocol"] = "AES",
        ["SpeedUp:Channels:1:Snmp:AuthSecretEnvironmentVariable"] = "SPEEDUP_CU_SNMP_AUTH",
        ["SpeedUp:Channels:1:Snmp:PrivSecretEnvironmentVariable"] = "SPEEDUP_CU_SNMP_PRIV",
        ["SPEEDUP_CU_SNMP_AUTH"] = authPassword,
        ["SPEEDUP_CU_SNMP_PRIV"] = CarrierSimulators.UnicomV3User.PrivPassword!,
        ["SPEEDUP_CU_SNMP_COMMUNITY"] = "not-the-community",
    };
}
