using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SpeedUp.Simulator;

/// <summary><c>GET /networks</c> (every network, its ports and faults) and <c>GET /networks/{name}</c>.</summary>
internal static class NetworkEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/", (ControlNetworks networks) =>
            ControlJson.Ok(new JsonArray([.. networks.Order.Select(name => (JsonNode)ControlJson.Network(name, networks.Get(name)))])));
        ControlErrors.MapOnly(group, "/", "GET");

        group.MapGet("/{name}", (string name, ControlNetworks networks) => ControlJson.Ok(ControlJson.Network(name, networks.Get(name))));
        ControlErrors.MapOnly(group, "/{name}", "GET");
    }
}
