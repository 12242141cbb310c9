using SpeedUp.Protocols.Snmp.Tests.Peers;
using SpeedUp.Protocols.Snmp;

namespace SpeedUp.Benchmarks.Snmp;

/// <summary>The protocol versions measured, and our agent's settings for them (the same v3 user as snmpd's).</summary>
internal sealed partial class SnmpBenchmark
{
    /// <summary>snmpd's "shaaes" user (createUser … SHA … AES …, rwuser … priv), also configured on our agent.</summary>
    private static readonly UsmUser V3User = new(
        NetSnmpdProcess.ShaAes.Name, UsmAuthProtocol.HmacSha1, NetSnmpdProcess.ShaAes.AuthPassword, UsmPrivProtocol.Aes128, NetSnmpdProcess.ShaAes.PrivPassword);

    private static SnmpAgentOptions AgentOptions()
    {
        var options = new SnmpAgentOptions { ReadCommunity = NetSnmpdProcess.ReadCommunity, WriteCommunity = NetSnmpdProcess.WriteCommunity };
        options.Users.Add(new SnmpAgentUser(V3User, CanWrite: true));
        return options;
    }

    private static IReadOnlyList<Mode> Modes()
    {
        SnmpCredentials read = new SnmpCommunity(NetSnmpdProcess.ReadCommunity);
        SnmpCredentials write = new SnmpCommunity(NetSnmpdProcess.WriteCommunity);
        SnmpCredentials usm = new SnmpUsm(V3User);
        return
        [
            new("v2c", (m, ep, ct) => m.GetAsync(ep, read, [SysName], ct), (m, ep, value, ct) => m.SetAsync(ep, write, [value], ct)),
            new("v3 authPriv", (m, ep, ct) => m.GetAsync(ep, usm, [SysName], ct), (m, ep, value, ct) => m.SetAsync(ep, usm, [value], ct)),
        ];
    }
}
