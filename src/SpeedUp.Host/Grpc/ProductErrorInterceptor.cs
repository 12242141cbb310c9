using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using SpeedUp.Core.Errors;
using SpeedUp.Host.Telemetry;

namespace SpeedUp.Host.Grpc;

/// <summary>
/// Gives every call a request id and turns product failures into gRPC statuses carrying the product code
/// (trailer <c>x-product-code</c>, and a google.rpc.ErrorInfo whose reason is the code). A store that cannot be reached
/// is <c>isp.SYSTEM_ERROR</c> as UNAVAILABLE (retry later); other unexpected exceptions become <c>isp.SYSTEM_ERROR</c>
/// as INTERNAL without internals in the message. A <see cref="SpeedUpException"/>'s operator detail (what a device
/// said) is logged and shown to the admin services' callers, never to customers. Every call's outcome (gRPC status and product code, <c>OK</c> on
/// success) is recorded in <see cref="CallMetrics"/>.
/// </summary>
internal sealed partial class ProductErrorInterceptor(CallMetrics calls, TimeProvider time, ILogger<ProductErrorInterceptor> logger) : Interceptor
{
    public const string ProductCodeTrailer = "x-product-code";
    public const string ErrorDomain = "speedup.broadband";

    /// <inheritdoc />
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var started = time.GetTimestamp();
        try
        {
            var response = await HandleUnaryAsync(request, context, continuation).ConfigureAwait(false);
            calls.Record(context.Method, StatusCode.OK, ProductErrorCode.Ok, time.GetElapsedTime(started));
            return response;
        }
        catch (Exception e)
        {
            RecordFailure(context, e, started);
            throw;
        }
    }

    /// <inheritdoc />
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var started = time.GetTimestamp();
        try
        {
            await HandleStreamingAsync(request, responseStream, context, continuation).ConfigureAwait(false);
            calls.Record(context.Method, StatusCode.OK, ProductErrorCode.Ok, time.GetElapsedTime(started));
        }
        catch (Exception e)
        {
            RecordFailure(context, e, started);
            throw;
        }
    }

    /// <summary>A failed call: its product code is the trailer set below, else the gRPC status's name (e.g. a cancelled call).</summary>
    private void RecordFailure(ServerCallContext context, Exception failure, long started)
    {
        var status = failure is RpcException rpc ? rpc.StatusCode : context.CancellationToken.IsCancellationRequested ? StatusCode.Cancelled : StatusCode.Unknown;
        var code = context.ResponseTrailers.GetValue(ProductCodeTrailer) ?? "grpc." + status.ToString();
        calls.Record(context.Method, status, code, time.GetElapsedTime(started));
    }

    private async Task<TResponse> HandleUnaryAsync<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        where TRequest : class
        where TResponse : class
    {
        var requestId = context.RequestId();
        context.ResponseTrailers.Add(RequestIds.Header, requestId);
        ServerSpan.Started(context, requestId);
        try
        {
            var response = await continuation(request, context).ConfigureAwait(false);
            ServerSpan.Succeeded(context);
            return response;
        }
        catch (SpeedUpException e)
        {
            LogRejected(e.Kind, context.Method, requestId, e.Code, e.Diagnostic);
            throw ToRpcException(context, requestId, e.Code, StatusOf(e.Kind), MessageFor(context.Method, requestId, e));
        }
        catch (StoreUnavailableException e) when (!context.CancellationToken.IsCancellationRequested)
        {
            LogStoreUnavailable(context.Method, requestId, e.Message);
            throw ToRpcException(context, requestId, ProductErrorCode.SystemError, StatusCode.Unavailable,
                $"The service's store is unavailable; nothing was changed. Retry later; quote request id {requestId}.");
        }
        catch (Exception e) when (e is not RpcException && !context.CancellationToken.IsCancellationRequested)
        {
            LogFailed(e, context.Method, requestId);
            throw ToRpcException(context, requestId, ProductErrorCode.SystemError, StatusCode.Internal,
                $"Internal error; quote request id {requestId}.");
        }
    }

    private async Task HandleStreamingAsync<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
        where TRequest : class
        where TResponse : class
    {
        var requestId = context.RequestId();
        context.ResponseTrailers.Add(RequestIds.Header, requestId);
        ServerSpan.Started(context, requestId);
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
            ServerSpan.Succeeded(context);
        }
        catch (SpeedUpException e)
        {
            LogRejected(e.Kind, context.Method, requestId, e.Code, e.Diagnostic);
            throw ToRpcException(context, requestId, e.Code, StatusOf(e.Kind), MessageFor(context.Method, requestId, e));
        }
        catch (StoreUnavailableException e) when (!context.CancellationToken.IsCancellationRequested)
        {
            LogStoreUnavailable(context.Method, requestId, e.Message);
            throw ToRpcException(context, requestId, ProductErrorCode.SystemError, StatusCode.Unavailable,
                $"The service's store is unavailable; nothing was changed. Retry later; quote request id {requestId}.");
        }
        catch (Exception e) when (e is not RpcException && !context.CancellationToken.IsCancellationRequested)
        {
            LogFailed(e, context.Method, requestId);
            throw ToRpcException(context, requestId, ProductErrorCode.SystemError, StatusCode.Internal,
                $"Internal error; quote request id {requestId}.");
        }
    }

    /// <summary>
    /// What the caller reads. Operators (the admin services) get the operator detail too; customers only the message,
    /// which never carries device details — and, for a failure the equipment caused, the request id to quote.
    /// </summary>
    internal static string MessageFor(string method, string requestId, SpeedUpException e) =>
        method.StartsWith(AdminServicePrefix, StringComparison.Ordinal) ? e.Diagnostic
        : e.OperatorDetail is null ? e.Message
        : $"{e.Message} Quote request id {requestId}.";

    /// <summary>The method path prefix of the operator's admin services.</summary>
    internal const string AdminServicePrefix = "/broadband.speedup.admin.";

    private static StatusCode StatusOf(FailureKind kind) => kind switch
    {
        FailureKind.InvalidArgument => StatusCode.InvalidArgument,
        FailureKind.FailedPrecondition => StatusCode.FailedPrecondition,
        FailureKind.NotFound => StatusCode.NotFound,
        FailureKind.AlreadyExists => StatusCode.AlreadyExists,
        FailureKind.Unavailable => StatusCode.Unavailable,
        FailureKind.ResourceExhausted or FailureKind.RateLimited => StatusCode.ResourceExhausted,
        FailureKind.PermissionDenied => StatusCode.PermissionDenied,
        FailureKind.Unauthenticated => StatusCode.Unauthenticated,
        _ => StatusCode.Internal,
    };

    private static RpcException ToRpcException(ServerCallContext context, string requestId, string code, StatusCode status, string message)
    {
        context.ResponseTrailers.Add(ProductCodeTrailer, code);
        if (code == ProductErrorCode.SystemError)
        {
            ServerSpan.Failed(context, code, status.ToString());
        }
        else
        {
            ServerSpan.Rejected(context, code);
        }

        var detail = new Google.Rpc.Status
        {
            Code = (int)status,
            Message = $"[{code}] {message}",
            Details =
            {
                Any.Pack(new ErrorInfo
                {
                    Reason = code,
                    Domain = ErrorDomain,
                    Metadata = { ["request_id"] = requestId },
                }),
            },
        };
        return detail.ToRpcException();
    }

    /// <summary>
    /// Rejections are logged at Information, except refused authentications (already logged once each by the signature
    /// check, with the client's address) and call-rate refusals: those come in floods, so only at Debug.
    /// </summary>
    private void LogRejected(FailureKind kind, string method, string requestId, string code, string reason) =>
        LogRejected(kind is FailureKind.Unauthenticated or FailureKind.RateLimited ? LogLevel.Debug : LogLevel.Information, method, requestId, code, reason);

    [LoggerMessage(EventId = 2001, Message = "{Method} {RequestId} rejected with {Code}: {Reason}")]
    private partial void LogRejected(LogLevel level, string method, string requestId, string code, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "{Method} {RequestId} failed: {Error}")]
    private partial void LogStoreUnavailable(string method, string requestId, string error);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "{Method} {RequestId} failed unexpectedly")]
    private partial void LogFailed(Exception exception, string method, string requestId);
}
