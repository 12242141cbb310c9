using System.Globalization;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Access;
using SpeedUp.Core.Customers;
using SpeedUp.Core.Errors;
using SpeedUp.Host.Telemetry;
using SpeedUp.Signing;

namespace SpeedUp.Host.Security;

/// <summary>
/// Every call except health and reflection must be signed (README, "Security"): the key must exist and be enabled,
/// the timestamp within <see cref="SecurityOptions.ClockSkew"/>, the HMAC-SHA256 right (constant-time compare) and
/// the nonce fresh — else <c>UNAUTHENTICATED</c>. Then the key must be granted the action
/// (<c>isp.RAM_PERMISSION_DENY</c>) and within its and its customer's rate limits (<c>isv.BUSINESS_LIMIT_CONTROL</c>).
/// An address that failed too often (<see cref="FailedAuthenticationLimiter"/>) is refused first, before any lookup.
/// The verified caller is recorded in <see cref="CallerIdentity"/> for the services; every refusal is counted by kind
/// in <see cref="AuthenticationMetrics"/>.
/// </summary>
internal sealed partial class SignedCallInterceptor(
    AccessKeyService keys,
    IUsedNonceStore nonces,
    CallRateLimiter limiter,
    FailedAuthenticationLimiter failures,
    CallerIdentity caller,
    AuthenticationMetrics metrics,
    IOptions<SecurityOptions> options,
    TimeProvider time,
    ILogger<SignedCallInterceptor> logger) : Interceptor
{
    /// <summary>Services any client may call unsigned.</summary>
    private static readonly string[] OpenServices = ["/grpc.health.v1.Health/", "/grpc.reflection.v1alpha.ServerReflection/", "/grpc.reflection.v1.ServerReflection/"];

    /// <inheritdoc />
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (!IsOpen(context.Method))
        {
            await AuthorizeAsync(request, context).ConfigureAwait(false);
        }

        return await continuation(request, context).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (!IsOpen(context.Method))
        {
            await AuthorizeAsync(request, context).ConfigureAwait(false);
        }

        await continuation(request, responseStream, context).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        IsOpen(context.Method) ? continuation(requestStream, context) : throw Unsigned(context);

    /// <inheritdoc />
    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        IsOpen(context.Method) ? continuation(requestStream, responseStream, context) : throw Unsigned(context);

    private static bool IsOpen(string method) => OpenServices.Any(s => method.StartsWith(s, StringComparison.Ordinal));

    private static RpcException Unsigned(ServerCallContext context) =>
        new(new Status(StatusCode.Unauthenticated, $"{context.Method} takes no signed requests."));

    private async Task AuthorizeAsync(object request, ServerCallContext context)
    {
        if (failures.IsBlocked(AddressOf(context)))
        {
            metrics.Refused(RefusalKind.AddressBlocked, context.Method);
            throw new SpeedUpException(ProductErrorCode.BusinessLimitControl, FailureKind.RateLimited,
                "Too many failed authentications from this address: its calls are refused for now; fix the signing and retry later.");
        }

        var headers = context.RequestHeaders;
        var keyId = headers.GetValue(SignatureHeaders.AccessKeyId);
        var timestampText = headers.GetValue(SignatureHeaders.Timestamp);
        var nonce = headers.GetValue(SignatureHeaders.Nonce);
        var signature = headers.GetValue(SignatureHeaders.Signature);
        if (keyId is null || timestampText is null || nonce is null || signature is null)
        {
            throw Refused(context, null, RefusalKind.NotSigned, "The call is not signed: it needs the headers " +
                $"{SignatureHeaders.AccessKeyId}, {SignatureHeaders.Timestamp}, {SignatureHeaders.Nonce} and {SignatureHeaders.Signature}.");
        }

        if (!AccessKeyService.IsValidId(keyId))
        {
            throw Refused(context, null, RefusalKind.Malformed, $"{SignatureHeaders.AccessKeyId} is malformed.");
        }

        if (!NoncePattern().IsMatch(nonce))
        {
            throw Refused(context, keyId, RefusalKind.Malformed, $"{SignatureHeaders.Nonce} must be 16..64 of [A-Za-z0-9_-].");
        }

        // One instant for the whole call: the timestamp check and the nonce store judge the same moment.
        var security = options.Value;
        var skew = security.ClockSkew;
        var now = time.GetUtcNow();
        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            throw Refused(context, keyId, RefusalKind.Malformed, $"{SignatureHeaders.Timestamp} must be Unix time in whole seconds.");
        }

        var signedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if ((now - signedAt).Duration() > skew)
        {
            throw Refused(context, keyId, RefusalKind.SignatureStale, $"The call was signed at {signedAt:O}, more than {skew.TotalSeconds:0} s from the service's clock ({now:O}).");
        }

        // The caller hears the same for an unknown and a disabled key (so key ids cannot be probed); the metrics and
        // the log tell the two apart for the operator.
        var key = await keys.FindForVerificationAsync(keyId, context.CancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            throw Refused(context, keyId, RefusalKind.UnknownKey, UnknownOrDisabled(keyId));
        }

        if (!key.Key.Enabled)
        {
            throw Refused(context, keyId, RefusalKind.KeyDisabled, UnknownOrDisabled(keyId));
        }

        var message = request as IMessage ?? throw new InvalidOperationException($"{request.GetType().Name} is not a protobuf message.");
        var toSign = RequestSignature.StringToSign(context.Method, keyId, seconds, nonce, RequestSignature.DigestOf(message));
        if (!key.Secrets.Any(secret => RequestSignature.Verify(secret, toSign, signature)))
        {
            throw Refused(context, keyId, RefusalKind.SignatureInvalid, "The signature does not match (see the canonical form in the README, \"Security\").");
        }

        // The key's own id (one string per key, not one per call) is what the store keeps beside each nonce.
        if (!await nonces.TryRecordAsync(key.Key.Id, nonce, now, security.RememberNonceUntil(signedAt), context.CancellationToken).ConfigureAwait(false))
        {
            throw Refused(context, keyId, RefusalKind.SignatureReplayed, "The nonce was already used: a replayed call.");
        }

        caller.Identify(keyId, key.Key.CustomerId);
        var action = ActionCatalogue.ActionOf(context.Method);
        if (!ActionCatalogue.Allows(key.Key.Actions, action))
        {
            LogDenied(context.Method, keyId);
            metrics.Refused(RefusalKind.PermissionDenied, context.Method);
            throw new SpeedUpException(ProductErrorCode.PermissionDenied, FailureKind.PermissionDenied,
                $"The access key '{keyId}' may not call {action}.");
        }

        if (!limiter.TryAcquire(keyId, key.Key.CustomerId))
        {
            if (limiter.ShouldReport(keyId))
            {
                LogRateLimited(keyId, key.Key.CustomerId ?? "(operator)", CallRateLimiter.ReportEvery.TotalSeconds);
            }

            metrics.Refused(RefusalKind.RateLimited, context.Method);

            throw new SpeedUpException(ProductErrorCode.BusinessLimitControl, FailureKind.RateLimited,
                $"Rate limit reached for the access key '{keyId}' or its customer; retry later.");
        }
    }

    /// <summary>The unit failed authentications are counted by: the client's address, an IPv6 one by its /64 (<see cref="ClientAddressKey"/>).</summary>
    private static string AddressOf(ServerCallContext context) =>
        ClientAddressKey.Of(context.GetHttpContext().Connection.RemoteIpAddress) ?? context.Peer;

    private SpeedUpException Refused(ServerCallContext context, string? keyId, RefusalKind kind, string reason)
    {
        metrics.Refused(kind, context.Method);
        var address = AddressOf(context);
        failures.RecordFailure(address);
        LogRefused(context.Method, keyId ?? "(none)", context.Peer);
        if (failures.IsBlocked(address))
        {
            LogBlocked(address);
        }

        return new SpeedUpException(ProductErrorCode.PermissionDenied, FailureKind.Unauthenticated, reason);
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]{16,64}\z")]
    private static partial Regex NoncePattern();

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Unauthenticated call to {Method} (access key {AccessKeyId}) from {Peer}")]
    private partial void LogRefused(string method, string accessKeyId, string peer);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning,
        Message = "Access key {AccessKeyId} (customer {CustomerId}) is over its rate limit; its refusals are logged at most once per {Seconds} s")]
    private partial void LogRateLimited(string accessKeyId, string customerId, double seconds);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning,
        Message = "Too many failed authentications from {Address}: its calls are refused until its bucket refills (SpeedUp:Security:RateLimits:FailedAuthenticationsPerAddress)")]
    private partial void LogBlocked(string address);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Access key {AccessKeyId} denied {Method}")]
    private partial void LogDenied(string method, string accessKeyId);

    /// <summary>What the caller hears for an unknown and for a disabled key alike.</summary>
    private static string UnknownOrDisabled(string keyId) => $"The access key '{keyId}' is unknown or disabled.";
}
