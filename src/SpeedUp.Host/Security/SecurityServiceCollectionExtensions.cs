using Broadband.SpeedUp.Admin.V1;
using Broadband.SpeedUp.V1;
using ProtoService = Google.Protobuf.Reflection.ServiceDescriptor;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Access;

namespace SpeedUp.Host.Security;

/// <summary>Registration of signed calls, permissions, rate limits and key provisioning.</summary>
internal static class SecurityServiceCollectionExtensions
{
    /// <summary>The customer-facing services: the only ones a customer's key may be granted.</summary>
    public static readonly ProtoService[] CustomerServices = [SpeedUpService.Descriptor];

    /// <summary>The operator's services.</summary>
    public static readonly ProtoService[] OperatorServices = [ChannelAdmin.Descriptor, CustomerAdmin.Descriptor, AccessKeyAdmin.Descriptor, WebhookAdmin.Descriptor, SessionAdmin.Descriptor, StatisticsAdmin.Descriptor];

    public static IServiceCollection AddCallSecurity(this IServiceCollection services)
    {
        services.AddSingleton(new ActionCatalogue(MethodPaths(CustomerServices), MethodPaths(OperatorServices)));
        services.AddSingleton<CallRateLimiter>();
        services.AddSingleton<FailedAuthenticationLimiter>();
        services.AddHostedService<ReplayGuardStartup>();
        services.AddHostedService<AccessKeySeedWorker>();
        services.AddOptions<TransportSecurityOptions>().BindConfiguration(TransportSecurityOptions.Section);
        services.AddOptions<HostingOptions>().BindConfiguration("SpeedUp:Host").ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HostingOptions>, CleartextListenerValidator>());
        return services;
    }

    private static IEnumerable<string> MethodPaths(IEnumerable<ProtoService> services) =>
        services.SelectMany(s => s.Methods.Select(m => $"/{s.FullName}/{m.Name}"));
}
