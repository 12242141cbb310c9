using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SpeedUp.Simulator;

/// <summary>
/// <c>GET /networks/{name}/received[?since=&lt;sequence&gt;][&amp;face=cli|snmp]</c>: every CLI line and SNMP request the
/// network's faces received (<see cref="BrasSimulator.Received"/>), oldest first.
/// </summary>
internal static class ReceivedEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{name}/received", (string name, HttpContext context, ControlNetworks networks) =>
        {
            var log = networks.Get(name).Received;
            var since = Since(context.Request.Query["since"]);
            var face = Face(context.Request.Query["face"]);
            return ControlJson.Ok(new JsonObject
            {
                ["lastSequence"] = log.LastSequence,
                ["dropped"] = log.Dropped,
                ["received"] = new JsonArray([.. log.Since(since, face).Select(e => (JsonNode)Entry(e))]),
            });
        });
        ControlErrors.MapOnly(group, "/{name}/received", "GET");
    }

    private static long Since(string? value) =>
        string.IsNullOrEmpty(value) ? 0
        : long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var since) ? since
        : throw new ControlError(HttpStatusCode.BadRequest, "'since' must be a sequence number (0 or more).");

    private static CommandFace? Face(string? value) => value switch
    {
        null or "" => null,
        "cli" => CommandFace.Cli,
        "snmp" => CommandFace.Snmp,
        _ => throw new ControlError(HttpStatusCode.BadRequest, "'face' must be \"cli\" or \"snmp\"."),
    };

    private static JsonObject Entry(ReceivedInput entry) => new()
    {
        ["sequence"] = entry.Sequence,
        ["timestamp"] = entry.Timestamp.ToString("O", CultureInfo.InvariantCulture),
        ["face"] = entry.Face.ToString(),
        ["text"] = entry.Text,
        ["origin"] = entry.Origin,
    };
}
