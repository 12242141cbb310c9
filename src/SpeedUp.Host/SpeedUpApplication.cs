using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using SpeedUp.Host.Operators;
using SpeedUp.Host.Customers;
using SpeedUp.Host.Grpc;
using SpeedUp.Host.HealthChecks;
using SpeedUp.Host.Security;
using SpeedUp.Host.Sessions;
using SpeedUp.Host.Telemetry;
using SpeedUp.Host.Webhooks;
using SpeedUp.OperatorConsole;

namespace SpeedUp.Host;

/// <summary>Builds the service: configuration, Kestrel on loopback, the domain, storage, channels, drivers and gRPC.</summary>
public static class SpeedUpApplication
{
    /// <summary>Builds the application. <paramref name="configure"/> lets tests swap services or settings.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json ships beside the assembly; data paths (.data/…) stay relative to the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var hosting = builder.Configuration.GetSection("SpeedUp:Host").Get<HostingOptions>() ?? new HostingOptions();
        var certificate = hosting.Tls.Enabled ? TlsCertificates.Load(hosting.Tls) : null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // gRPC first; then the admin listener (SpeedUp:Admin: HTTP/1.1, /metrics only). Each is told by its own log line.
            var endpoints = kestrel.ApplicationServices.GetRequiredService<ListeningEndpoints>();
            kestrel.Listen(IPAddress.Parse(hosting.Address), hosting.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }

                endpoints.Grpc = listen;
                endpoints.GrpcTls = certificate is not null;
            });
            AdminEndpoint.Listen(kestrel, endpoints);
        });

        builder.Services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<ProductErrorInterceptor>();
            grpc.Interceptors.Add<SignedCallInterceptor>();
        });
        builder.Services.AddGrpcReflection();
        builder.Services.AddSpeedUpHealth();
        builder.Services
            .AddSpeedUpCore()
            .AddIpLocation()
            .AddConfiguredStorage(builder.Configuration)
            .AddSupplyChannels()
            .AddDiscoveredDrivers(builder.Configuration);
        builder.Services.AddCallSecurity();
        builder.Services.AddSpeedUpTelemetry(builder.Configuration);
        builder.Services.AddSpeedUpTracing(builder.Configuration);
        builder.Services.AddHostedService<CustomerSeedWorker>();
        builder.Services.AddHostedService<MonthEndSettlementWorker>();
        builder.Services.AddHostedService<SessionExpiryWorker>();
        builder.Services.AddHostedService<SessionReconcileWorker>();
        builder.Services.AddHostedService<SessionEventPruningWorker>();
        builder.Services.AddWebhookDelivery();
        builder.Services.AddOperatorConsole(builder.Configuration, services => ConsoleBackendChannel.Create(services, certificate));

        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseAdminEndpoint();
        app.Lifetime.ApplicationStarted.Register(() => app.Services.GetRequiredService<ListeningEndpoints>().Report());
        app.MapGrpcService<SpeedUpGrpcService>();
        app.MapGrpcService<ChannelAdminGrpcService>();
        app.MapGrpcService<CustomerAdminGrpcService>();
        app.MapGrpcService<AccessKeyAdminGrpcService>();
        app.MapGrpcService<WebhookAdminGrpcService>();
        app.MapGrpcService<SessionAdminGrpcService>();
        app.MapGrpcService<StatisticsAdminGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }
}
