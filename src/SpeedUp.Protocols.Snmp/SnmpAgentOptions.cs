using System.Net;

namespace SpeedUp.Protocols.Snmp;

/// <summary>Settings of an <see cref="SnmpAgent"/>.</summary>
public sealed class SnmpAgentOptions
{
    /// <summary>UDP endpoint to bind. Default 127.0.0.1:0 (an ephemeral port; read <see cref="SnmpAgent.LocalEndpoint"/>).</summary>
    public IPEndPoint Endpoint { get; set; } = new(IPAddress.Loopback, 0);

    /// <summary>Community allowed to read (Get, GetNext, GetBulk). Default <c>public</c>.</summary>
    public string ReadCommunity { get; set; } = "public";

    /// <summary>Community allowed to read and write (also Set). Default <c>private</c>.</summary>
    public string WriteCommunity { get; set; } = "private";

    /// <summary>Largest datagram received or sent, in bytes. Default 65507 (the UDP/IPv4 maximum).</summary>
    public int MaxDatagramSize { get; set; } = 65507;

    /// <summary>SNMPv3 users accepted (RFC 3414). Empty (the default) disables SNMPv3: v3 messages are dropped.</summary>
    public IList<SnmpAgentUser> Users { get; } = new List<SnmpAgentUser>();

    /// <summary>The snmpEngineID (RFC 3411 §5), 5 to 32 octets. Default null: a fresh one per agent instance in
    /// the RFC 3411 format with enterprise 3902, format 5 (octets) and 8 random octets.</summary>
    public ReadOnlyMemory<byte>? EngineId { get; set; }

    /// <summary>snmpEngineBoots (RFC 3414 §2.2.2): how often this engine has (re)started. Default 1.</summary>
    public int EngineBoots { get; set; } = 1;

    /// <summary>
    /// Optional gate awaited before each received datagram is processed (e.g. fault injection: latency, drops):
    /// <c>true</c> processes and answers it, <c>false</c> drops it silently. Null (the default) processes every
    /// datagram directly. A filter that completes asynchronously does not hold up other datagrams: the datagram is
    /// copied and processed when the filter completes. The token is cancelled when the agent is disposed; an
    /// exception from the filter drops the datagram.
    /// </summary>
    public Func<IPEndPoint, CancellationToken, ValueTask<bool>>? RequestFilter { get; set; }

    /// <summary>
    /// Optional: called with every request the agent decodes, before it is answered — SNMPv1/v2c ones whatever their
    /// community (<see cref="SnmpReceivedRequest.Accepted"/> false for a wrong one), SNMPv3 ones once authenticated and
    /// decrypted. Null (the default) observes nothing. Called on the agent's receive path: keep it short; an exception
    /// is logged and ignored.
    /// </summary>
    public Action<SnmpReceivedRequest>? RequestObserver { get; set; }

    /// <summary>The clock of snmpEngineTime (seconds since the agent started). Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
