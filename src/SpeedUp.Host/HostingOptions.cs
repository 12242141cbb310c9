namespace SpeedUp.Host;

/// <summary>Where the gRPC endpoint listens (section <c>SpeedUp:Host</c>).</summary>
public sealed class HostingOptions
{
    /// <summary>Listen address. Default 127.0.0.1 (loopback only).</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>TCP port. Default 50051; 0 picks a free port.</summary>
    public int Port { get; set; } = 50051;

    /// <summary>TLS for the endpoint; off (HTTP/2 cleartext) while <see cref="TlsOptions.CertificatePath"/> is unset.</summary>
    public TlsOptions Tls { get; set; } = new();
}

/// <summary>
/// TLS of the gRPC endpoint (<c>SpeedUp:Host:Tls</c>). When on, only TLS (HTTP/2 over TLS 1.2+) is served: a
/// plaintext client fails its handshake.
/// </summary>
public sealed class TlsOptions
{
    /// <summary>Certificate file: PEM (with <see cref="KeyPath"/>) or PKCS#12 (<c>.pfx</c>/<c>.p12</c>). Unset = TLS off.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key of a PEM certificate (unless the certificate file holds it).</summary>
    public string? KeyPath { get; set; }

    /// <summary>Name of the environment variable holding the key or PKCS#12 password, if any. Never logged.</summary>
    public string? PasswordEnvironmentVariable { get; set; }

    /// <summary>Whether TLS is on.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);
}
