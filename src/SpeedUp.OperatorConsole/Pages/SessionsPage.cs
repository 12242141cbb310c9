using System.Globalization;
using Broadband.SpeedUp.Admin.V1;
using Microsoft.AspNetCore.Http;
using SpeedUp.OperatorConsole.Html;
using static SpeedUp.OperatorConsole.Html.Markup;

namespace SpeedUp.OperatorConsole.Pages;

/// <summary>Open sessions of every customer (SessionAdmin/ListSessions), found by band id or IP address; stop one (StopSession).</summary>
internal sealed class SessionsPage : IConsolePage
{
    public string Path => "/console/sessions";

    public string Title => "Open sessions";

    public async Task<string> RenderAsync(ConsoleRequest request)
    {
        var bandText = request.Query("band_id");
        var ip = request.Query("ip");
        var find = "<form method=\"get\" action=\"/console/sessions\" id=\"find\">"
            + $"<label>band id <input name=\"band_id\" inputmode=\"numeric\" value=\"{E(bandText)}\"></label>"
            + $"<label>IP address <input name=\"ip\" value=\"{E(ip)}\"></label><button type=\"submit\">Find</button></form>";
        long bandId = 0;
        if (bandText.Length > 0 && !long.TryParse(bandText, NumberStyles.None, CultureInfo.InvariantCulture, out bandId))
        {
            return find + "<p class=\"error\" id=\"error\">The band id is a number.</p>";
        }

        var listed = await new SessionAdmin.SessionAdminClient(request.Api).ListSessionsAsync(
            new ListSessionsRequest { BandId = bandId, IpAddress = ip, Limit = 200 }, cancellationToken: request.Aborted);
        var table = Table("sessions",
            ["session", "customer", "band id", "account", "address", "carrier", "province", "channel", "direction", "state", "kbps (target / original)", "scene", "started (UTC)", "due (UTC)", ""],
            listed.Sessions.Select(s => Row(
                [
                    s.SessionId, s.CustomerId, s.BandId.ToString(CultureInfo.InvariantCulture), s.Account, s.Port > 0 ? $"{s.IpAddress}:{s.Port}" : s.IpAddress,
                    s.Carrier, s.Province, s.Channel, s.Direction, s.State, $"{s.TargetKbps} / {s.OriginalKbps}", s.Scene, Time(s.StartedAt), Time(s.DueAt),
                ],
                Forms.Post(request.Tokens, Path + "/stop", [("session_id", s.SessionId)], "Stop",
                    "<input name=\"reason\" value=\"operator console\" aria-label=\"reason\" maxlength=\"200\">"))));
        return find + table + (listed.More > 0 ? $"<p>{E(listed.More)} more not shown: narrow the search.</p>" : "");
    }

    public async Task<string?> PostAsync(ConsoleRequest request, string action, IFormCollection form)
    {
        if (action != "stop")
        {
            return null;
        }

        var stopped = await new SessionAdmin.SessionAdminClient(request.Api).StopSessionAsync(
            new StopSessionRequest { SessionId = form["session_id"].ToString(), Reason = form["reason"].ToString() }, cancellationToken: request.Aborted);
        return $"Stopped session {stopped.SessionId} (band id {stopped.BandId}, {stopped.Direction}): {stopped.State} {stopped.EndReason}; the line is back at {stopped.OriginalKbps} kbps.";
    }

    private static string Time(Google.Protobuf.WellKnownTypes.Timestamp? at) =>
        at is null ? "" : at.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
