using System.Net;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace SpeedUp.Host.Telemetry;

/// <summary>
/// The admin listener: a second Kestrel endpoint (HTTP/1.1, <see cref="AdminEndpointOptions"/>) whose connections are
/// marked, so the pipeline serves <c>/metrics</c> on them only and nothing else there (404). The gRPC endpoint's
/// connections carry no mark: <c>/metrics</c> is not served on the gRPC port.
/// </summary>
internal static class AdminEndpoint
{
    /// <summary>The scrape path.</summary>
    public const string MetricsPath = "/metrics";

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

    /// <summary>Whether the request came in on the admin listener.</summary>
    public static bool IsAdminConnection(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(ConnectionMark) == true;

    /// <summary>Serves the Prometheus scrape at <see cref="MetricsPath"/> on admin connections; anything else there is 404.</summary>
    public static void UseAdminEndpoint(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (IsAdminConnection(context) && !context.Request.Path.Equals(MetricsPath, StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context).ConfigureAwait(false);
        });
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            context => IsAdminConnection(context) && context.Request.Path.Equals(MetricsPath, StringComparison.Ordinal));
    }
}
