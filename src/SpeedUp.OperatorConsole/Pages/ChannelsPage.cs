using System.Globalization;
using Broadband.SpeedUp.Admin.V1;
using Microsoft.AspNetCore.Http;
using SpeedUp.OperatorConsole.Html;
using static SpeedUp.OperatorConsole.Html.Markup;

namespace SpeedUp.OperatorConsole.Pages;

/// <summary>Supply channels (ChannelAdmin/ListChannels): health, circuit, capacity, a probe button each; recent failovers.</summary>
internal sealed class ChannelsPage : IConsolePage
{
    public string Path => "/console/channels";

    public string Title => "Supply channels";

    public async Task<string> RenderAsync(ConsoleRequest request)
    {
        var listed = await new ChannelAdmin.ChannelAdminClient(request.Api).ListChannelsAsync(new ListChannelsRequest(), cancellationToken: request.Aborted);
        var channels = Table("channels",
            ["name", "carrier", "driver", "provinces", "health", "detail", "circuit", "faults in a row", "speed-ups (in use / max)", "bandwidth Mbps (in use / pool)", "calls", "failovers from", ""],
            listed.Channels.Select(c => Row(
                [
                    c.Name, c.Carrier, c.Driver, string.Join(", ", c.Provinces), Health(c.Health), c.HealthDetail, Circuit(c.Circuit),
                    N(c.ConsecutiveFaults), $"{N(c.Capacity?.SpeedUpsInUse ?? 0)} / {Limit(c.Capacity?.MaxSpeedUps ?? 0)}",
                    $"{N(c.Capacity?.BandwidthInUseMbps ?? 0)} / {Limit(c.Capacity?.BandwidthPoolMbps ?? 0)}", N(c.Counters?.Calls ?? 0), N(c.Counters?.FailoversFrom ?? 0),
                ],
                Forms.Post(request.Tokens, Path + "/probe", [("name", c.Name)], "Probe"))));
        var failovers = Table("failovers", ["at (UTC)", "from channel", "operation", "reason"],
            listed.RecentFailovers.Select(f => Row([f.At?.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), f.FromChannel, f.Operation, f.Reason])));
        return channels + "<h2>Recent failovers</h2>" + failovers;
    }

    public async Task<string?> PostAsync(ConsoleRequest request, string action, IFormCollection form)
    {
        if (action != "probe")
        {
            return null;
        }

        var status = await new ChannelAdmin.ChannelAdminClient(request.Api).ProbeChannelAsync(
            new ProbeChannelRequest { Name = form["name"].ToString() }, cancellationToken: request.Aborted);
        return $"Probed {status.Name}: {Health(status.Health)} ({status.ProbeLatencyMs.ToString("0.#", CultureInfo.InvariantCulture)} ms){(status.HealthDetail.Length > 0 ? " — " + status.HealthDetail : "")}";
    }

    private static string Health(Broadband.SpeedUp.Admin.V1.Health health) => health switch
    {
        Broadband.SpeedUp.Admin.V1.Health.Healthy => "healthy",
        Broadband.SpeedUp.Admin.V1.Health.Unhealthy => "unhealthy",
        _ => "unknown",
    };

    private static string Circuit(CircuitState circuit) => circuit switch
    {
        CircuitState.Open => "open",
        CircuitState.HalfOpen => "half-open",
        CircuitState.Isolated => "isolated",
        _ => "closed",
    };

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Limit(long value) => value == 0 ? "unlimited" : N(value);
}
