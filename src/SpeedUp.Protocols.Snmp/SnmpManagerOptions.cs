namespace SpeedUp.Protocols.Snmp;

/// <summary>Settings of an <see cref="SnmpManager"/>.</summary>
public sealed class SnmpManagerOptions
{
    /// <summary>How long to wait for the answer to one attempt. Default 2 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many times a request is sent again after a timeout. Default 1 (two attempts in all).</summary>
    public int Retries { get; set; } = 1;

    /// <summary>The version of requests made with a community string (V1 or V2c). Default <see cref="SnmpVersion.V2c"/>.
    /// SNMPv3 requests are made with <see cref="SnmpUsm"/> credentials whatever this says.</summary>
    public SnmpVersion Version { get; set; } = SnmpVersion.V2c;

    /// <summary>Largest datagram sent or received, in bytes. Default 65507 (the UDP/IPv4 maximum).</summary>
    public int MaxDatagramSize { get; set; } = 65507;

    /// <summary>The clock of response timeouts. Default <see cref="System.TimeProvider.System"/> (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Asked before anything is sent to a target: returns why <c>host</c>:<c>port</c> must not be reached (the request
    /// fails with that text and nothing leaves the machine), or null to go ahead. Null (the default) allows every target.
    /// Drivers set the live-device policy here (CI reaches loopback simulators only); this library knows no policy itself.
    /// </summary>
    public Func<string, int, string?>? TargetPolicy { get; set; }
}
