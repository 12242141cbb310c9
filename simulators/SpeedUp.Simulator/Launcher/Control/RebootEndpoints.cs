using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SpeedUp.Simulator;

/// <summary><c>POST /networks/{name}/reboot</c>: every line back to base rates, every CLI session closed.</summary>
internal static class RebootEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{name}/reboot", async (string name, ControlNetworks networks) =>
        {
            var simulator = networks.Get(name);
            await simulator.RebootAsync();
            return ControlJson.Ok(new JsonObject { ["network"] = name, ["rebooted"] = true, ["activeCliSessions"] = simulator.ActiveCliSessions });
        });
        ControlErrors.MapOnly(group, "/{name}/reboot", "POST");
    }
}
