using System.Text.Json;
using Grpc.Core;
using SpeedUp.Admin.Cli.Output;

namespace SpeedUp.Admin.Cli.Calls;

/// <summary>
/// A call the service refused or failed, as the tool reports it: the product code (trailer <c>x-product-code</c>), the
/// gRPC status, the service's message, the access key that signed the call and the action it asked for (the grant a
/// <c>PERMISSION_DENIED</c> names), and the request id to quote.
/// </summary>
internal sealed record CallFailure(string Action, string AccessKeyId, StatusCode Status, string ProductCode, string Message, string RequestId)
{
    /// <summary>The failure of a call of <paramref name="action"/> signed by <paramref name="accessKeyId"/>.</summary>
    public static CallFailure Of(RpcException e, string action, string accessKeyId)
    {
        var code = e.Trailers.GetValue("x-product-code") ?? "none";
        var message = e.Status.Detail;
        if (message.StartsWith($"[{code}] ", StringComparison.Ordinal))
        {
            message = message[(code.Length + 3)..];
        }

        return new CallFailure(action, accessKeyId, e.StatusCode, code, message, e.Trailers.GetValue("x-request-id") ?? "-");
    }

    /// <summary>A call the tool gave up on after <paramref name="timeout"/> (<c>--timeout</c>): the service's outcome is unknown.</summary>
    public static CallFailure TimedOut(string action, string accessKeyId, TimeSpan timeout) =>
        new(action, accessKeyId, StatusCode.DeadlineExceeded, "none",
            $"no answer within {timeout.TotalSeconds:0} s (--timeout); the call may still complete on the service — check before repeating it.", "-");

    /// <summary>What it means for the caller, in a few words.</summary>
    public string Refusal => Status switch
    {
        StatusCode.Unauthenticated => $"the access key '{AccessKeyId}' was not accepted",
        StatusCode.PermissionDenied when ProductCode == "isp.RAM_PERMISSION_DENY" => $"the access key '{AccessKeyId}' is not granted {Action}",
        StatusCode.Unavailable when ProductCode == "none" => "the service could not be reached",
        StatusCode.DeadlineExceeded when ProductCode == "none" => $"{Action} timed out",
        _ => $"{Action} failed",
    };

    /// <summary>Prints the failure to <paramref name="error"/>: text, or a JSON document.</summary>
    public void WriteTo(TextWriter error, OutputFormat format)
    {
        if (format == OutputFormat.Json)
        {
            error.WriteLine(JsonSerializer.Serialize(new Dictionary<string, Dictionary<string, string>>
            {
                ["error"] = new()
                {
                    ["action"] = Action, ["accessKeyId"] = AccessKeyId, ["status"] = StatusName, ["productCode"] = ProductCode,
                    ["message"] = Message, ["requestId"] = RequestId,
                },
            }));
            return;
        }

        error.WriteLine(ProductCode == "none" ? $"speedup-admin: {Refusal}: {Message}" : $"speedup-admin: {Refusal}: [{ProductCode}] {Message}");
        error.WriteLine($"  action {Action} · access key {AccessKeyId} · status {StatusName} · product code {ProductCode} · request id {RequestId}");
    }

    /// <summary>The status as gRPC spells it (PERMISSION_DENIED).</summary>
    public string StatusName => string.Concat(Status.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
}
