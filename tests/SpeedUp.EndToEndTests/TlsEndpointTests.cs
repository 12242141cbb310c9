using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Broadband.SpeedUp.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using SpeedUp.Signing;
using SpeedUp.Testing;

namespace SpeedUp.EndToEndTests;

/// <summary>
/// The gRPC endpoint over TLS (<c>SpeedUp:Host:Tls</c>) with a self-signed certificate for 127.0.0.1/localhost made at
/// test time: a client that trusts exactly that certificate calls signed as usual; a plaintext (h2c) client and a TLS
/// client that does not trust the certificate fail without harming the service; a certificate that cannot be loaded
/// stops the service at start-up with a message naming the setting.
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Tier", "EndToEnd")]
public sealed class TlsEndpointTests(SimulatedNetworks networks) : IDisposable
{
    private const string Ip = "202.101.172.35";
    private const long BandId = 330100001;
    private const string PasswordVariable = "SPEEDUP_TEST_TLS_PFX_PASSWORD";

    private readonly string _directory = Directory.CreateTempSubdirectory("speedup-tls-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Endpoint_WithPemCertificate_ServesTlsOnlyToClientsThatTrustIt()
    {
        using var certificate = SelfSigned();
        var (certPath, keyPath) = WritePem(certificate, "endpoint");
        await using var service = await ServiceProcess.StartAsync(networks.Simulators, NewDatabase(), new Dictionary<string, string>
        {
            ["SpeedUp:Host:Tls:CertificatePath"] = certPath,
            ["SpeedUp:Host:Tls:KeyPath"] = keyPath,
        }, Ct);

        Assert.Equal("https", service.Scheme);
        Assert.Equal(certificate.Thumbprint, service.TrustedCertificate?.Thumbprint);
        Assert.Contains($"Now listening on: https://127.0.0.1:{service.Port}", service.Output, StringComparison.Ordinal);

        // (a) trusted TLS client, signed call.
        await AssertPrecheckWorksAsync(service.Client);

        // (b) plaintext HTTP/2 (h2c) against the TLS port: the handshake never happens.
        using (var plaintext = GrpcChannel.ForAddress($"http://127.0.0.1:{service.Port}"))
        {
            await AssertTransportFailsAsync(plaintext, service.CustomerKey);
        }

        // (c) a TLS client with the system's roots, and one that trusts another certificate of the same name.
        using (var systemRoots = GrpcChannel.ForAddress(service.Address))
        {
            await AssertTransportFailsAsync(systemRoots, service.CustomerKey, untrusted: true);
        }

        using var impostor = SelfSigned();
        using (var trustsAnother = ServiceProcess.ChannelTrusting(service.Address, impostor))
        {
            await AssertTransportFailsAsync(trustsAnother, service.CustomerKey, untrusted: true);
        }

        // The refused clients left the service as it was: a fresh trusted channel still calls, health is serving.
        using (var fresh = ServiceProcess.ChannelTrusting(service.Address, certificate))
        {
            await AssertPrecheckWorksAsync(new SpeedUpService.SpeedUpServiceClient(fresh.Intercept(new SigningInterceptor(service.CustomerKey))));
            var health = await new Grpc.Health.V1.Health.HealthClient(fresh).CheckAsync(new Grpc.Health.V1.HealthCheckRequest(), cancellationToken: Ct);
            Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        }

        await AssertPrecheckWorksAsync(service.Client);
    }

    [Fact]
    public async Task Endpoint_WithPkcs12Certificate_TakesItsPasswordFromTheNamedVariable()
    {
        using var certificate = SelfSigned();
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var pfxPath = Path.Combine(_directory, "endpoint.pfx");
        await File.WriteAllBytesAsync(pfxPath, certificate.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password), Ct);

        await using var service = await ServiceProcess.StartAsync(networks.Simulators, NewDatabase(), new Dictionary<string, string>
        {
            ["SpeedUp:Host:Tls:CertificatePath"] = pfxPath,
            ["SpeedUp:Host:Tls:PasswordEnvironmentVariable"] = PasswordVariable,
            [PasswordVariable] = password,
        }, Ct);

        Assert.Equal("https", service.Scheme);
        Assert.Equal(certificate.Thumbprint, service.TrustedCertificate?.Thumbprint);
        await AssertPrecheckWorksAsync(service.Client);
        Assert.DoesNotContain(password, service.Output, StringComparison.Ordinal);
    }

    public static TheoryData<string> Unloadable => ["missing certificate", "missing key", "key of another certificate", "pfx without its password", "pfx with a wrong password"];

    [Theory]
    [MemberData(nameof(Unloadable))]
    public async Task StartUp_WithCertificateThatCannotBeLoaded_ExitsWithClearMessage(string problem)
    {
        using var certificate = SelfSigned();
        using var other = SelfSigned();
        var (certPath, keyPath) = WritePem(certificate, "endpoint");
        var (_, otherKeyPath) = WritePem(other, "other");
        var pfxPath = Path.Combine(_directory, "endpoint.pfx");
        await File.WriteAllBytesAsync(pfxPath, certificate.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, "right-password-1234"), Ct);
        var settings = problem switch
        {
            "missing certificate" => Tls(Path.Combine(_directory, "no-such.pem"), keyPath),
            "missing key" => Tls(certPath, Path.Combine(_directory, "no-such.key")),
            "key of another certificate" => Tls(certPath, otherKeyPath),
            "pfx without its password" => new Dictionary<string, string>
            {
                ["SpeedUp:Host:Tls:CertificatePath"] = pfxPath,
                ["SpeedUp:Host:Tls:PasswordEnvironmentVariable"] = PasswordVariable,
                [PasswordVariable] = "",
            },
            "pfx with a wrong password" => new Dictionary<string, string>
            {
                ["SpeedUp:Host:Tls:CertificatePath"] = pfxPath,
                ["SpeedUp:Host:Tls:PasswordEnvironmentVariable"] = PasswordVariable,
                [PasswordVariable] = "wrong-password-5678",
            },
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => ServiceProcess.StartAsync(networks.Simulators, NewDatabase(), settings, Ct));

        Assert.Contains("exited before listening", e.Message, StringComparison.Ordinal);
        Assert.Contains("SpeedUp:Host:Tls", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening on", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("right-password-1234", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password-5678", e.Message, StringComparison.Ordinal);
        if (problem == "pfx without its password")
        {
            Assert.Contains(PasswordVariable, e.Message, StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, string> Tls(string certificatePath, string keyPath) => new()
    {
        ["SpeedUp:Host:Tls:CertificatePath"] = certificatePath,
        ["SpeedUp:Host:Tls:KeyPath"] = keyPath,
    };

    private static async Task AssertPrecheckWorksAsync(SpeedUpService.SpeedUpServiceClient client)
    {
        var precheck = await client.PrecheckAsync(new PrecheckRequest { IpAddress = Ip }, cancellationToken: Ct);
        Assert.Equal(("OK", BandId), (precheck.Code, precheck.BandId));
        Assert.NotEmpty(precheck.Offers);
    }

    /// <summary>
    /// A signed Precheck over <paramref name="channel"/> fails in the transport: no product code, no response; with
    /// <paramref name="untrusted"/>, because the client refused the server's certificate.
    /// </summary>
    private static async Task AssertTransportFailsAsync(GrpcChannel channel, AccessKeyCredentials key, bool untrusted = false)
    {
        var client = new SpeedUpService.SpeedUpServiceClient(channel.Intercept(new SigningInterceptor(key)));
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.PrecheckAsync(new PrecheckRequest { IpAddress = Ip }, deadline: DateTime.UtcNow.AddSeconds(20), cancellationToken: Ct));
        Assert.True(e.StatusCode is StatusCode.Unavailable or StatusCode.Internal, $"Expected Unavailable or Internal, got {e.Status}");
        Assert.Null(e.Trailers.GetValue("x-product-code"));
        if (untrusted)
        {
            var causes = new List<Exception>();
            for (var cause = e.Status.DebugException; cause is not null; cause = cause.InnerException)
            {
                causes.Add(cause);
            }

            Assert.True(causes.Any(c => c is System.Security.Authentication.AuthenticationException),
                $"Expected a refused certificate, got {e.Status.DebugException}");
        }
    }

    /// <summary>A self-signed server certificate for 127.0.0.1 and localhost, valid around now.</summary>
    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=speedup-test-endpoint", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // server auth
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }

    /// <summary>Writes the certificate and its PKCS#8 key as PEM files.</summary>
    private (string Certificate, string Key) WritePem(X509Certificate2 certificate, string name)
    {
        var certPath = Path.Combine(_directory, name + ".crt");
        var keyPath = Path.Combine(_directory, name + ".key");
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException("The certificate has no key.");
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certPath, keyPath);
    }

    private static string NewDatabase() => Path.Combine(Path.GetTempPath(), $"speedup-tls-{Guid.NewGuid():N}.db");
}
