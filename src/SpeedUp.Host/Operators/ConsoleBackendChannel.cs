using System.Net;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;
using SpeedUp.Host.Telemetry;
using SpeedUp.OperatorConsole.Backend;

namespace SpeedUp.Host.Operators;

/// <summary>
/// The operator console's way to the admin APIs: this service's own gRPC endpoint over loopback (as bound, so port 0
/// works), HTTP/2; with TLS on, only this service's own certificate is accepted. The console thus makes the same signed
/// calls a third party would.
/// </summary>
internal static class ConsoleBackendChannel
{
    /// <summary>The backend of the console in <paramref name="services"/>.</summary>
    public static AdminBackend Create(IServiceProvider services, X509Certificate2? certificate) =>
        new(() => Open(services.GetRequiredService<ListeningEndpoints>(), certificate), services.GetService<TimeProvider>() ?? TimeProvider.System);

    private static GrpcChannel Open(ListeningEndpoints endpoints, X509Certificate2? certificate)
    {
        if (endpoints.Grpc?.EndPoint is not IPEndPoint bound)
        {
            throw new InvalidOperationException("The gRPC endpoint is not listening: the operator console has no admin API to call.");
        }

        var address = bound.Address.Equals(IPAddress.Any) ? IPAddress.Loopback
            : bound.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
            : bound.Address;
        var host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        var handler = new SocketsHttpHandler();
        if (certificate is not null)
        {
            var expected = certificate.RawData;
            handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(expected);
        }

        return GrpcChannel.ForAddress($"{(certificate is null ? "http" : "https")}://{host}:{bound.Port}", new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }
}
