using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using SpeedUp.Signing;

namespace SpeedUp.OperatorConsole.Backend;

/// <summary>
/// The service's public admin gRPC APIs as the console reaches them: one channel (opened on first use by the host's
/// <paramref name="open"/>, e.g. over loopback to its own gRPC endpoint) whose calls are signed by a given key.
/// </summary>
public sealed class AdminBackend(Func<GrpcChannel> open, TimeProvider time) : IDisposable
{
    private readonly Lazy<GrpcChannel> _channel = new(open);

    /// <summary>Calls signed by <paramref name="key"/>.</summary>
    public CallInvoker SignedBy(AccessKeyCredentials key) => _channel.Value.Intercept(new SigningInterceptor(key, time));

    /// <inheritdoc />
    public void Dispose()
    {
        if (_channel.IsValueCreated)
        {
            _channel.Value.Dispose();
        }
    }
}
