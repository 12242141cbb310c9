using System.Net;

namespace SpeedUp.Host.Webhooks;

/// <summary>Registration of webhook delivery (the sinks' store and <c>WebhookService</c> come with storage and Core).</summary>
internal static class WebhookServiceCollectionExtensions
{
    public static IServiceCollection AddWebhookDelivery(this IServiceCollection services)
    {
        services.AddHttpClient(WebhookSender.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false,
                AutomaticDecompression = DecompressionMethods.None,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers(); // the default handlers would log each full URL, query string included
        services.AddSingleton<WebhookMetrics>();
        services.AddSingleton<WebhookCloudEvents>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookDeliveryPass>();
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
