using System.Net;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SpeedUp.Host.HealthChecks;
using SpeedUp.OperatorConsole;

namespace SpeedUp.Host.Telemetry;

/// <summary>
/// The admin listener: a second Kestrel endpoint (HTTP/1.1, <see cref="AdminEndpointOptions"/>) whose connections are
/// marked, so the pipeline serves <c>/metrics</c>, <c>/health/live</c>, <c>/health/ready</c> and the operator console
/// (<c>/console</c>, SpeedUp:Console) on them only and nothing else there (404). The gRPC endpoint's connections carry no mark: none of these is served on the gRPC port.
/// </summary>
internal static class AdminEndpoint
{
    /// <summary>The scrape path.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Liveness: 200 while the process runs.</summary>
    public const string LivePath = "/health/live";

    /// <summary>Readiness: 200 Healthy or Degraded, 503 Unhealthy (the store is away, or no supply channel serves); a JSON body.</summary>
    public const string ReadyPath = "/health/ready";

    private const string ConnectionMark = "speedup.admin-endpoint";

    /// <summary>Opens the admin listener when enabled (options validated on first read, naming the keys).</summary>
    public static void Listen(KestrelServerOptions kestrel, ListeningEndpoints endpoints)
    {
        var options = kestrel.ApplicationServices.GetRequiredService<IOptions<AdminEndpointOptions>>().Value;
        if (!options.Enabled)
        {
            return;
        }

        kestrel.Listen(IPAddress.Parse(options.Address), options.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            listen.Use(next => connection =>
            {
                connection.Items[ConnectionMark] = true;
                return next(connection);
            });
            endpoints.Admin = listen;
        });
    }

    private static bool IsAdminPath(PathString path) =>
        path.Equals(MetricsPath, StringComparison.Ordinal) || path.Equals(LivePath, StringComparison.Ordinal) || path.Equals(ReadyPath, StringComparison.Ordinal)
        || OperatorConsoleExtensions.IsConsolePath(path);

    /// <summary>Whether the request came in on the admin listener.</summary>
    public static bool IsAdminConnection(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(ConnectionMark) == true;

    /// <summary>Serves the Prometheus scrape at <see cref="MetricsPath"/> on admin connections; anything else there is 404.</summary>
    public static void UseAdminEndpoint(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (IsAdminConnection(context) && !IsAdminPath(context.Request.Path))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context).ConfigureAwait(false);
        });
        app.UseWhen(IsAdminConnection, admin =>
        {
            admin.UseOperatorConsole(); // /console (SpeedUp:Console): on admin connections only, never on the gRPC port
            admin.UseHealthChecks(LivePath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(HealthServiceCollectionExtensions.Live) });
            admin.UseHealthChecks(ReadyPath, new HealthCheckOptions
            {
                Predicate = r => r.Tags.Contains(HealthServiceCollectionExtensions.Ready),
                ResponseWriter = HealthReportJson.WriteAsync,
            });
        });
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            context => IsAdminConnection(context) && context.Request.Path.Equals(MetricsPath, StringComparison.Ordinal));
    }
}
