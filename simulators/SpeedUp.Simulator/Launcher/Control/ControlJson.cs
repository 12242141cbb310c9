using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SpeedUp.Simulator;

/// <summary>The control endpoint's JSON: an indented body plus a newline, and the shapes of networks, faults and audit entries.</summary>
internal sealed class ControlJson(HttpStatusCode status, JsonNode? body) : IResult
{
    // Only local tools read this; keep '+' in host key fingerprints readable.
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static ControlJson Ok(JsonNode body) => new(HttpStatusCode.OK, body);

    public static ControlJson Error(HttpStatusCode status, string message) => new(status, new JsonObject { ["error"] = message });

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var bytes = Encoding.UTF8.GetBytes((body?.ToJsonString(Options) ?? "{}") + "\n");
        httpContext.Response.StatusCode = (int)status;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        httpContext.Response.ContentLength = bytes.Length;
        await httpContext.Response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }

    public static JsonObject Network(string name, BrasSimulator simulator) => new()
    {
        ["name"] = name,
        ["hostname"] = simulator.State.Hostname,
        ["lines"] = simulator.State.Lines.Count,
        ["cliDialect"] = simulator.CliDialect,
        ["snmpPort"] = simulator.SnmpEndpoint.Port,
        ["sshPort"] = simulator.SshFront?.Port,
        ["sshUser"] = simulator.SshFront?.User,
        ["sshHostKey"] = simulator.SshFront?.HostKeySha256,
        ["cliSocket"] = simulator.CliSocketPath,
        ["activeCliSessions"] = simulator.ActiveCliSessions,
        ["faults"] = Faults(simulator),
    };

    public static JsonObject Faults(BrasSimulator simulator)
    {
        var state = simulator.DescribeFaults();
        return new JsonObject
        {
            ["cliLatencyMs"] = state.CliLatencyMs,
            ["cliLineDelayMs"] = state.CliLineDelayMs,
            ["forcePaging"] = state.ForcePaging,
            ["garble"] = state.Garble.ToString().ToLowerInvariant(),
            ["dropNextArmed"] = state.DropNextArmed,
            ["cliDropRatio"] = state.CliDropRatio,
            ["snmpLatencyMs"] = state.SnmpLatencyMs,
            ["snmpDropRatio"] = state.SnmpDropRatio,
            ["snmpDark"] = state.SnmpDark,
            ["sshDark"] = state.SshDark,
            ["forcedPageLength"] = state.ForcedPageLength,
            ["vanishedAccount"] = state.VanishedAccount,
            ["coaLatencyMs"] = state.CoaLatencyMs,
            ["coaDropRatio"] = state.CoaDropRatio,
            ["coaDark"] = state.CoaDark,
            ["coaNakStorm"] = state.CoaNakStorm,
            ["coaAnswersLost"] = state.CoaAnswersLost,
        };
    }

    public static JsonObject AuditEntry(AuditEntry entry) => new()
    {
        ["timestamp"] = entry.Timestamp.ToString("O", CultureInfo.InvariantCulture),
        ["face"] = entry.Face.ToString(),
        ["command"] = entry.Command,
        ["outcome"] = entry.Outcome,
    };
}
