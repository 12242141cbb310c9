using System.Security.Cryptography.X509Certificates;

namespace SpeedUp.Host;

/// <summary>Loads the endpoint's certificate from <see cref="TlsOptions"/>, with a clear message when it cannot.</summary>
internal static class TlsCertificates
{
    public static X509Certificate2 Load(TlsOptions tls)
    {
        var path = tls.CertificatePath ?? throw new InvalidOperationException("SpeedUp:Host:Tls:CertificatePath is not set.");
        var password = Password(tls);
        try
        {
            if (Path.GetExtension(path).ToLowerInvariant() is ".pfx" or ".p12")
            {
                var bundle = X509CertificateLoader.LoadPkcs12FromFile(path, password);
                if (!bundle.HasPrivateKey)
                {
                    bundle.Dispose();
                    throw NoKey(path);
                }

                return bundle;
            }

            using var pem = string.IsNullOrEmpty(password)
                ? X509Certificate2.CreateFromPemFile(path, tls.KeyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(path, password, tls.KeyPath);
            if (!pem.HasPrivateKey)
            {
                throw NoKey(path);
            }

            // On Linux a PEM key must be re-imported to be usable by SslStream; PKCS#12 round-trips it.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException($"SpeedUp:Host:Tls: cannot load the certificate {path} ({e.GetType().Name}: {e.Message}).", e);
        }
    }

    /// <summary>The password from the variable <see cref="TlsOptions.PasswordEnvironmentVariable"/> names; a named variable must be set.</summary>
    private static string? Password(TlsOptions tls)
    {
        if (string.IsNullOrEmpty(tls.PasswordEnvironmentVariable))
        {
            return null;
        }

        var password = Environment.GetEnvironmentVariable(tls.PasswordEnvironmentVariable);
        return string.IsNullOrEmpty(password)
            ? throw new InvalidOperationException(
                $"SpeedUp:Host:Tls:PasswordEnvironmentVariable names the environment variable {tls.PasswordEnvironmentVariable}, which is not set or empty.")
            : password;
    }

    private static InvalidOperationException NoKey(string path) =>
        new($"SpeedUp:Host:Tls: the certificate {path} has no private key (set KeyPath).");
}
