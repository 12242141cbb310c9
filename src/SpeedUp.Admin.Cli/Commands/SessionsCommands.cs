using System.CommandLine;
using Broadband.SpeedUp.Admin.V1;
using SpeedUp.Admin.Cli.Calls;
using SpeedUp.Admin.Cli.Output;

namespace SpeedUp.Admin.Cli.Commands;

/// <summary><c>sessions list|show|stop</c> (SessionAdmin).</summary>
internal static class SessionsCommands
{
    public static Command Build(CommandRunner runner)
    {
        var bandId = new Option<long>("--band-id") { Description = "only this line" };
        var ip = new Option<string?>("--ip") { Description = "only lines at this IPv4 address" };
        var customer = new Option<string?>("--customer") { Description = "only this customer's sessions" };
        var limit = new Option<int>("--limit") { Description = "at most this many (1..1000; default 100)" };
        var list = runner.Unary(new Command("list", "Open speed-up sessions of every customer, oldest first.") { bandId, ip, customer, limit },
            "SessionAdmin/ListSessions",
            (parsed, invoker, ct) => new SessionAdmin.SessionAdminClient(invoker).ListSessionsAsync(new ListSessionsRequest
            {
                BandId = parsed.GetValue(bandId), IpAddress = parsed.GetValue(ip) ?? "", CustomerId = parsed.GetValue(customer) ?? "",
                Limit = parsed.GetValue(limit),
            }, cancellationToken: ct).ResponseAsync,
            SessionViews.WriteList);

        var showId = new Argument<string>("session-id") { Description = "the session's id (see sessions list)" };
        var show = runner.Unary(new Command("show", "One session, open or ended.") { showId }, "SessionAdmin/GetSession",
            (parsed, invoker, ct) => new SessionAdmin.SessionAdminClient(invoker)
                .GetSessionAsync(new GetSessionRequest { SessionId = parsed.GetValue(showId) }, cancellationToken: ct).ResponseAsync,
            SessionViews.WriteOne);

        var stopId = new Argument<string>("session-id") { Description = "the session's id (see sessions list)" };
        var reason = new Option<string?>("--reason") { Description = "why (kept in the service's log with your access key id)" };
        var stop = runner.Unary(new Command("stop", "Stops a session: restores the line's original rate; the session ends STOPPED_BY_OPERATOR.") { stopId, reason },
            "SessionAdmin/StopSession",
            (parsed, invoker, ct) => new SessionAdmin.SessionAdminClient(invoker).StopSessionAsync(
                new StopSessionRequest { SessionId = parsed.GetValue(stopId), Reason = parsed.GetValue(reason) ?? "" }, cancellationToken: ct).ResponseAsync,
            SessionViews.WriteOne);

        return new Command("sessions", "Speed-up sessions across customers (SessionAdmin).") { list, show, stop };
    }
}
