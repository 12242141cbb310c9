namespace SpeedUp.Host;

/// <summary>Where the gRPC endpoint listens (section <c>SpeedUp:Host</c>).</summary>
public sealed class HostingOptions
{
    /// <summary>Listen address. Default 127.0.0.1 (loopback only).</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>TCP port (HTTP/2 cleartext). Default 50051; 0 picks a free port.</summary>
    public int Port { get; set; } = 50051;
}
