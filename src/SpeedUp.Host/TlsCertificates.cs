using System.Security.Cryptography.X509Certificates;

namespace SpeedUp.Host;

/// <summary>Loads the endpoint's certificate from <see cref="TlsOptions"/>, with a clear message when it cannot.</summary>
internal static class TlsCertificates
{
    public static X509Certificate2 Load(TlsOptions tls)
    {
        var path = tls.CertificatePath ?? throw new InvalidOperationException("SpeedUp:Host:Tls:CertificatePath is not set.");
        var password = string.IsNullOrEmpty(tls.PasswordEnvironmentVariable) ? null : Environment.GetEnvironmentVariable(tls.PasswordEnvironmentVariable);
        try
        {
            var extension = Path.GetExtension(path).ToLowerInvariant();
            var certificate = extension is ".pfx" or ".p12"
                ? X509CertificateLoader.LoadPkcs12FromFile(path, password)
                : string.IsNullOrEmpty(password)
                    ? X509Certificate2.CreateFromPemFile(path, tls.KeyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, password, tls.KeyPath);
            if (!certificate.HasPrivateKey)
            {
                throw new InvalidOperationException($"SpeedUp:Host:Tls: the certificate {path} has no private key (set KeyPath).");
            }

            // On Linux a PEM key must be re-imported to be usable by SslStream; PKCS#12 round-trips it.
            return extension is ".pfx" or ".p12" ? certificate : X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException($"SpeedUp:Host:Tls: cannot load the certificate {path} ({e.GetType().Name}: {e.Message}).", e);
        }
    }
}
