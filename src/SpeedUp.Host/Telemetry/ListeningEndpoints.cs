using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace SpeedUp.Host.Telemetry;

/// <summary>
/// The Kestrel endpoints as bound (ports chosen by the system included), told once the service has started in two
/// lines of their own: <c>gRPC endpoint listening on: …</c> and <c>Admin endpoint listening on: …/metrics</c>, so a
/// launcher (tests/SpeedUp.Testing/ServiceProcess.cs) never mistakes one port for the other. Not set in a TestServer.
/// </summary>
internal sealed partial class ListeningEndpoints(ILogger<ListeningEndpoints> logger)
{
    /// <summary>The gRPC endpoint, once Kestrel is configured.</summary>
    public ListenOptions? Grpc { get; set; }

    /// <summary>Whether the gRPC endpoint serves TLS.</summary>
    public bool GrpcTls { get; set; }

    /// <summary>The admin endpoint, when enabled.</summary>
    public ListenOptions? Admin { get; set; }

    /// <summary>Logs where each endpoint listens (after start: ports are bound).</summary>
    public void Report()
    {
        if (Admin?.EndPoint is IPEndPoint admin)
        {
            LogAdmin($"http://{Format(admin)}{AdminEndpoint.MetricsPath}");
        }

        if (Grpc?.EndPoint is IPEndPoint grpc)
        {
            LogGrpc($"{(GrpcTls ? "https" : "http")}://{Format(grpc)}");
        }
    }

    private static string Format(IPEndPoint endpoint) =>
        endpoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{endpoint.Address}]:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}"
            : $"{endpoint.Address}:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}";

    [LoggerMessage(EventId = 6010, Level = LogLevel.Information, Message = "Admin endpoint listening on: {Url}")]
    private partial void LogAdmin(string url);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Information, Message = "gRPC endpoint listening on: {Url}")]
    private partial void LogGrpc(string url);
}
