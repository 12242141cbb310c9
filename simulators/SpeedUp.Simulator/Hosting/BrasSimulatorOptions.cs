using System.Net;
using Microsoft.Extensions.Logging;
using SpeedUp.Protocols.Snmp;

namespace SpeedUp.Simulator;

/// <summary>How to start a <see cref="BrasSimulator"/>.</summary>
public sealed class BrasSimulatorOptions
{
    /// <summary>Seed JSON file (docs/simulator.md). Required unless <see cref="Seed"/> is given.</summary>
    public string? SeedFile { get; set; }

    /// <summary>An already loaded seed (takes precedence over <see cref="SeedFile"/>).</summary>
    public BrasSeed? Seed { get; set; }

    /// <summary>Replaces the seed's hostname (prompts, sysName).</summary>
    public string? Hostname { get; set; }

    /// <summary>UDP endpoint of the SNMP agent; default 127.0.0.1:0 (a free port, see <see cref="BrasSimulator.SnmpEndpoint"/>).</summary>
    public IPEndPoint SnmpEndpoint { get; set; } = new(IPAddress.Loopback, 0);

    public string ReadCommunity { get; set; } = "public";

    public string WriteCommunity { get; set; } = "private";

    /// <summary>SNMPv3 (USM) users of the agent; empty (the default) leaves SNMPv3 off.</summary>
    public IList<SnmpAgentUser> SnmpUsers { get; } = new List<SnmpAgentUser>();

    /// <summary>Unix socket of the CLI face; default a new temporary directory's <c>cli.sock</c>.</summary>
    public string? CliSocketPath { get; set; }

    /// <summary>The CLI face: <c>"huawei"</c> (default, VRP), <c>"zte"</c> (ZXR10), <c>"h3c"</c> (Comware) or <c>"profile:&lt;path&gt;"</c>; see <see cref="CliDialects"/>.</summary>
    public string CliDialect { get; set; } = CliDialects.Huawei;

    /// <summary>Most concurrent CLI sessions (the VTY limit); more are refused with an error line.</summary>
    public int MaxCliSessions { get; set; } = 50;

    /// <summary>When set, the RADIUS CoA face (RFC 5176) listens on UDP; null (the default) leaves it off.</summary>
    public CoaFaceOptions? Coa { get; set; }

    /// <summary>When set, real OpenSSH sshd is started in front of the CLI socket (needs root, sshd and socat).</summary>
    public SshFrontOptions? Ssh { get; set; }

    /// <summary>Default of <see cref="ReceivedLogCapacity"/>.</summary>
    public const int DefaultReceivedLogCapacity = 10_000;

    /// <summary>
    /// How many received CLI lines, and how many received SNMP requests, <see cref="BrasSimulator.Received"/> keeps (a
    /// ring per face; the oldest go first). Default 10,000 each.
    /// </summary>
    public int ReceivedLogCapacity { get; set; } = DefaultReceivedLogCapacity;

    /// <summary>Clock of the state (audit timestamps, sysUpTime).</summary>
    public TimeProvider? TimeProvider { get; set; }

    public ILoggerFactory? LoggerFactory { get; set; }
}
