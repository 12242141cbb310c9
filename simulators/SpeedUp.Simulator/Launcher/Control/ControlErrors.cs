using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace SpeedUp.Simulator;

/// <summary>A control request that fails with a status and a message (<c>{"error": …}</c>).</summary>
internal sealed class ControlError(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}

/// <summary>How the control endpoint answers what it cannot serve: JSON errors for every failure, method and path.</summary>
internal static class ControlErrors
{
    /// <summary>The order of the routes that answer 405 for a known path (after the routes of the allowed methods).</summary>
    public const int MethodNotAllowedOrder = 1;

    private const int UnknownResourceOrder = 2;

    /// <summary>Turns a <see cref="ControlError"/> into its JSON answer, and a failure of the simulator into a 500.</summary>
    public static void UseControlErrors(this WebApplication app, ILogger logger) => app.Use(async (context, next) =>
    {
        ControlJson answer;
        try
        {
            await next(context);
            return;
        }
        catch (ControlError error)
        {
            answer = ControlJson.Error(error.Status, error.Message);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or ArgumentException)
        {
            logger.LogWarning(ex, "Control request {Method} {Path} failed", context.Request.Method, context.Request.Path);
            answer = ControlJson.Error(HttpStatusCode.InternalServerError, ex.Message);
        }

        await answer.ExecuteAsync(context);
    });

    /// <summary>Every other method on <paramref name="pattern"/>: 405 with <paramref name="message"/> (after checking the network).</summary>
    public static void MapMethodNotAllowed(RouteGroupBuilder group, string pattern, Func<string, string> message) =>
        group.Map(pattern, (HttpContext context, ControlNetworks networks) =>
        {
            if (context.GetRouteValue("name") is string name)
            {
                networks.Get(name);
            }

            return ControlJson.Error(HttpStatusCode.MethodNotAllowed, message(context.Request.Method.ToUpperInvariant()));
        }).WithOrder(MethodNotAllowedOrder);

    /// <summary>"Only <paramref name="allowed"/>" on <paramref name="pattern"/>.</summary>
    public static void MapOnly(RouteGroupBuilder group, string pattern, string allowed) =>
        MapMethodNotAllowed(group, pattern, method => $"{method} is not allowed here (only {allowed}).");

    /// <summary>404 for any other resource of a network and any other path.</summary>
    public static void MapUnknownResources(WebApplication app, RouteGroupBuilder group)
    {
        group.Map("/{name}/{resource}", (HttpContext context, string name, ControlNetworks networks) =>
        {
            networks.Get(name);
            return ControlJson.Error(HttpStatusCode.NotFound, $"No such resource '{context.Request.Path}' (faults, reboot, audit).");
        }).WithOrder(UnknownResourceOrder);
        app.MapFallback((HttpContext context) =>
            ControlJson.Error(HttpStatusCode.NotFound, $"No such resource '{context.Request.Path}' (see GET /networks)."));
    }
}
