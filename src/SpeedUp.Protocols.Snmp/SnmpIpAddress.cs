using System.Net;
using System.Net.Sockets;

namespace SpeedUp.Protocols.Snmp;

/// <summary>An <c>IpAddress</c>, <c>[APPLICATION 0]</c>: an IPv4 address (RFC 2578 §7.1.5).</summary>
/// <param name="Value">The IPv4 address.</param>
public sealed record SnmpIpAddress(IPAddress Value) : SnmpValue
{
    /// <summary>The IPv4 address.</summary>
    public IPAddress Value { get; init; } =
        Value is { AddressFamily: AddressFamily.InterNetwork }
            ? Value
            : throw new ArgumentException("An SNMP IpAddress holds an IPv4 address.", nameof(Value));
}
