namespace SpeedUp.Host.Telemetry;

/// <summary>
/// The admin listener (section <c>SpeedUp:Admin</c>): a second Kestrel endpoint, HTTP/1.1 cleartext, that serves the
/// Prometheus scrape at <c>/metrics</c> and nothing else. The gRPC endpoint never serves it.
/// </summary>
public sealed class AdminEndpointOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "SpeedUp:Admin";

    /// <summary>Whether the admin listener is opened. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Listen address. Default 127.0.0.1 (loopback only).</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>TCP port. Default 9464 (Prometheus' customary exporter port); 0 picks a free one.</summary>
    public int Port { get; set; } = 9464;
}
