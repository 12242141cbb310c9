using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace SpeedUp.Signing;

/// <summary>
/// Client side: signs every outgoing call with <paramref name="credentials"/> (adds the <see cref="SignatureHeaders"/>).
/// Use with <c>channel.Intercept(new SigningInterceptor(credentials))</c>.
/// </summary>
public sealed class SigningInterceptor(AccessKeyCredentials credentials, TimeProvider? time = null) : Interceptor
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, Signed(request, context));

    /// <inheritdoc />
    public override TResponse BlockingUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, BlockingUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, Signed(request, context));

    /// <inheritdoc />
    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, Signed(request, context));

    /// <summary>The signature headers of one call (for clients that build their own metadata).</summary>
    public static Metadata HeadersFor(AccessKeyCredentials credentials, string methodPath, IMessage request, DateTimeOffset now, string? nonce = null)
    {
        var timestamp = now.ToUnixTimeSeconds();
        nonce ??= RequestSignature.NewNonce();
        var toSign = RequestSignature.StringToSign(methodPath, credentials.AccessKeyId, timestamp, nonce, RequestSignature.DigestOf(request));
        return new Metadata
        {
            { SignatureHeaders.AccessKeyId, credentials.AccessKeyId },
            { SignatureHeaders.Timestamp, timestamp.ToString(CultureInfo.InvariantCulture) },
            { SignatureHeaders.Nonce, nonce },
            { SignatureHeaders.Signature, RequestSignature.Compute(credentials.AccessKeySecret, toSign) },
        };
    }

    private ClientInterceptorContext<TRequest, TResponse> Signed<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class
        where TResponse : class
    {
        var message = request as IMessage ?? throw new InvalidOperationException($"{typeof(TRequest).Name} is not a protobuf message.");
        var headers = new Metadata();
        foreach (var entry in context.Options.Headers ?? [])
        {
            if (!entry.Key.StartsWith("x-speedup-", StringComparison.Ordinal))
            {
                headers.Add(entry);
            }
        }

        foreach (var entry in HeadersFor(credentials, context.Method.FullName, message, _time.GetUtcNow()))
        {
            headers.Add(entry);
        }

        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithHeaders(headers));
    }
}
