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
}
