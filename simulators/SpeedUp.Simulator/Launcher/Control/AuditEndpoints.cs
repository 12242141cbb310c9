using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SpeedUp.Simulator;

/// <summary><c>GET /networks/{name}/audit</c>: every rate change and rejection, oldest first.</summary>
internal static class AuditEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{name}/audit", (string name, ControlNetworks networks) =>
            ControlJson.Ok(new JsonArray([.. networks.Get(name).State.AuditLog.Select(e => (JsonNode)ControlJson.AuditEntry(e))])));
        ControlErrors.MapOnly(group, "/{name}/audit", "GET");
    }
}
