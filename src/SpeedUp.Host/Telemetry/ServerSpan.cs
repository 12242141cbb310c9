using System.Diagnostics;
using Grpc.Core;
using Microsoft.AspNetCore.Http.Features;

namespace SpeedUp.Host.Telemetry;

/// <summary>Tags the server span of a gRPC call (ASP.NET Core's request activity) with the product's request id and outcome.</summary>
internal static class ServerSpan
{
    /// <summary>The call's server span, or null when nothing traces it.</summary>
    public static Activity? Of(ServerCallContext context) =>
        context.GetHttpContext().Features.Get<IHttpActivityFeature>()?.Activity is { IsAllDataRequested: true } activity ? activity : null;

    /// <summary>Names the call's request id.</summary>
    public static void Started(ServerCallContext context, string requestId) => Of(context)?.SetTag(SpeedUpTracing.RequestIdTag, requestId);

    /// <summary>The call answered.</summary>
    public static void Succeeded(ServerCallContext context) => Ended(Of(context), Core.Errors.ProductErrorCode.Ok, "ok");

    /// <summary>The call was refused with a product error (the caller's or the line's business).</summary>
    public static void Rejected(ServerCallContext context, string code) => Ended(Of(context), code, "rejected");

    /// <summary>The call failed on our side (<c>isp.SYSTEM_ERROR</c>): the span's status is Error.</summary>
    public static void Failed(ServerCallContext context, string code, string description)
    {
        var activity = Of(context);
        Ended(activity, code, "failed");
        activity?.SetStatus(ActivityStatusCode.Error, description);
    }

    private static void Ended(Activity? activity, string code, string outcome)
    {
        activity?.SetTag(SpeedUpTracing.ProductCodeTag, code);
        activity?.SetTag(SpeedUpTracing.OutcomeTag, outcome);
    }
}
