using Grpc.Core;
using Grpc.Core.Interceptors;
using SpeedUp.Core.Customers;

namespace SpeedUp.Host.Grpc;

/// <summary>
/// Names the calling customer for the call's <see cref="CallerIdentity"/> from the <c>x-customer-id</c> header.
/// The only place that knows how a caller is identified: the security issue replaces it by the customer of the
/// signed access key. (A call without the header acts for <c>SpeedUp:Customers:DefaultCustomerId</c>, if set —
/// decided by <see cref="CustomerService.RequireActiveAsync"/>.)
/// </summary>
internal sealed class CustomerHeaderInterceptor(CallerIdentity caller) : Interceptor
{
    public const string Header = "x-customer-id";

    /// <inheritdoc />
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        caller.Identify(context.RequestHeaders.GetValue(Header));
        return continuation(request, context);
    }

    /// <inheritdoc />
    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        caller.Identify(context.RequestHeaders.GetValue(Header));
        return continuation(request, responseStream, context);
    }
}
