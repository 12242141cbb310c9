using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using SpeedUp.Admin.Cli.Credentials;
using SpeedUp.Signing;

namespace SpeedUp.Admin.Cli.Calls;

/// <summary>One run's connection to the service: a channel to the address whose every call is signed by the key.</summary>
internal sealed class AdminSession(ConnectionSettings settings, CliRuntime runtime) : IDisposable
{
    private readonly GrpcChannel _channel = runtime.OpenChannel(settings.Address);

    /// <summary>The key that signs the calls.</summary>
    public string AccessKeyId => settings.Key.AccessKeyId;

    /// <summary>Signed calls.</summary>
    public CallInvoker Invoker => _channel.Intercept(new SigningInterceptor(settings.Key, runtime.Time));

    /// <inheritdoc />
    public void Dispose() => _channel.Dispose();
}
