using Broadband.SpeedUp.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using SpeedUp.Signing;

namespace SpeedUp.Testing;

/// <summary>
/// The service's APIs as a test calls them, whether the service runs as its own process (<see cref="ServiceProcess"/>) or
/// in the test process: the customer and operator keys, signed clients, and access keys made through the admin API.
/// </summary>
public abstract class ServiceClients
{
    /// <summary>The plain channel: calls on it are not signed.</summary>
    public abstract GrpcChannel Channel { get; }

    /// <summary>The demo customer's access key.</summary>
    public abstract AccessKeyCredentials CustomerKey { get; }

    /// <summary>The operator's access key (admin APIs).</summary>
    public abstract AccessKeyCredentials OperatorKey { get; }

    /// <summary>The speed-up API, signed by the demo customer's key.</summary>
    public SpeedUpService.SpeedUpServiceClient Client => new(SignedBy(CustomerKey));

    /// <summary>The channel admin API (protos/broadband/speedup/admin/v1/channels.proto), signed by the operator key.</summary>
    public Broadband.SpeedUp.Admin.V1.ChannelAdmin.ChannelAdminClient Admin => new(SignedBy(OperatorKey));

    /// <summary>The customer admin API (protos/broadband/speedup/admin/v1/customers.proto), signed by the operator key.</summary>
    public Broadband.SpeedUp.Admin.V1.CustomerAdmin.CustomerAdminClient Customers => new(SignedBy(OperatorKey));

    /// <summary>The access key admin API (protos/broadband/speedup/admin/v1/access_keys.proto), signed by the operator key.</summary>
    public Broadband.SpeedUp.Admin.V1.AccessKeyAdmin.AccessKeyAdminClient Keys => new(SignedBy(OperatorKey));

    /// <summary>The webhook admin API (protos/broadband/speedup/admin/v1/webhooks.proto), signed by the operator key.</summary>
    public Broadband.SpeedUp.Admin.V1.WebhookAdmin.WebhookAdminClient Webhooks => new(SignedBy(OperatorKey));

    /// <summary>The session admin API (protos/broadband/speedup/admin/v1/sessions.proto), signed by the operator key.</summary>
    public Broadband.SpeedUp.Admin.V1.SessionAdmin.SessionAdminClient Sessions => new(SignedBy(OperatorKey));

    /// <summary>The statistics admin API (protos/broadband/speedup/admin/v1/statistics.proto), signed by the operator key.</summary>
    public Broadband.SpeedUp.Admin.V1.StatisticsAdmin.StatisticsAdminClient Statistics => new(SignedBy(OperatorKey));

    /// <summary>The clock signatures are dated by: the service's own clock (null: the real one).</summary>
    protected virtual TimeProvider? SigningClock => null;

    /// <summary>Calls signed by <paramref name="credentials"/>.</summary>
    public CallInvoker SignedBy(AccessKeyCredentials credentials) => Channel.Intercept(new SigningInterceptor(credentials, SigningClock));

    /// <summary>The speed-up API signed by <paramref name="credentials"/>.</summary>
    public SpeedUpService.SpeedUpServiceClient ClientAs(AccessKeyCredentials credentials) => new(SignedBy(credentials));

    /// <summary>Creates a customer key (all of <c>SpeedUpService</c> unless <paramref name="actions"/> say otherwise) through the admin API.</summary>
    public async Task<AccessKeyCredentials> CreateKeyAsync(string customerId, params string[] actions)
    {
        var created = await Keys.CreateAccessKeyAsync(new Broadband.SpeedUp.Admin.V1.CreateAccessKeyRequest
        {
            CustomerId = customerId, Actions = { actions.Length == 0 ? ["SpeedUpService/*"] : actions }, Description = "test",
        });
        SecretScan.Register(created.AccessKeySecret);
        return new AccessKeyCredentials(created.Key.AccessKeyId, created.AccessKeySecret);
    }
}
