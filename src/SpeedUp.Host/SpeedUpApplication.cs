using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using SpeedUp.Host.Customers;
using SpeedUp.Host.Grpc;
using SpeedUp.Host.Security;
using SpeedUp.Host.Sessions;

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
            kestrel.Listen(IPAddress.Parse(hosting.Address), hosting.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            }));

        builder.Services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<ProductErrorInterceptor>();
            grpc.Interceptors.Add<SignedCallInterceptor>();
        });
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks().AddCheck("speedup", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());
        builder.Services
            .AddSpeedUpCore()
            .AddIpLocation()
            .AddConfiguredStorage(builder.Configuration)
            .AddSupplyChannels()
            .AddDiscoveredDrivers(builder.Configuration);
        builder.Services.AddCallSecurity();
        builder.Services.AddSpeedUpTracing(builder.Configuration);
        builder.Services.AddHostedService<CustomerSeedWorker>();
        builder.Services.AddHostedService<MonthEndSettlementWorker>();
        builder.Services.AddHostedService<SessionExpiryWorker>();
        builder.Services.AddHostedService<SessionReconcileWorker>();

        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapGrpcService<SpeedUpGrpcService>();
        app.MapGrpcService<ChannelAdminGrpcService>();
        app.MapGrpcService<CustomerAdminGrpcService>();
        app.MapGrpcService<AccessKeyAdminGrpcService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }
}
