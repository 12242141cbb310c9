using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SpeedUp.Simulator;

/// <summary>
/// <c>GET /networks/{name}/faults</c> (the faults injected now), <c>POST</c> (set the fields of a JSON object, all or
/// nothing; see <see cref="FaultPatch"/>) and <c>DELETE</c> (clear every fault, dark faces come back).
/// </summary>
internal static class FaultEndpoints
{
    private const int MaxBodyBytes = 64 * 1024;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{name}/faults", (string name, ControlNetworks networks) => ControlJson.Ok(ControlJson.Faults(networks.Get(name))));
        group.MapPost("/{name}/faults", async (string name, HttpRequest request, ControlNetworks networks) =>
        {
            var simulator = networks.Get(name);
            await FaultPatch.ApplyAsync(simulator, await ReadBodyAsync(request));
            return ControlJson.Ok(ControlJson.Faults(simulator));
        });
        group.MapDelete("/{name}/faults", async (string name, ControlNetworks networks) =>
        {
            var simulator = networks.Get(name);
            await simulator.ClearFaultsAsync();
            return ControlJson.Ok(ControlJson.Faults(simulator));
        });
        ControlErrors.MapMethodNotAllowed(group, "/{name}/faults", method => $"{method} is not allowed on faults (GET, POST, DELETE).");
    }

    private static async Task<JsonElement> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int n;
        while ((n = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > MaxBodyBytes)
            {
                throw new ControlError(HttpStatusCode.BadRequest, $"The body is larger than {MaxBodyBytes} bytes.");
            }
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ControlError(HttpStatusCode.BadRequest, "The body must be a JSON object of the fault fields to set.");
            }

            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new ControlError(HttpStatusCode.BadRequest, "The body is not valid JSON: " + ex.Message);
        }
    }
}
