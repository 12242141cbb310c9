using System.CommandLine;
using Broadband.SpeedUp.Admin.V1;
using SpeedUp.Admin.Cli.Calls;
using SpeedUp.Admin.Cli.Output;

namespace SpeedUp.Admin.Cli.Commands;

/// <summary><c>channels list|probe</c> (ChannelAdmin).</summary>
internal static class ChannelsCommands
{
    public static Command Build(CommandRunner runner)
    {
        var list = runner.Unary(new Command("list", "Every supply channel: health, circuit, capacity in use, counters."), "ChannelAdmin/ListChannels",
            (_, invoker, ct) => new ChannelAdmin.ChannelAdminClient(invoker).ListChannelsAsync(new ListChannelsRequest(), cancellationToken: ct).ResponseAsync,
            ChannelViews.WriteList);

        var name = new Argument<string>("name") { Description = "the channel's name (see channels list)" };
        var probe = runner.Unary(new Command("probe", "Probes one channel now (through its circuit breaker) and shows it.") { name }, "ChannelAdmin/ProbeChannel",
            (parsed, invoker, ct) => new ChannelAdmin.ChannelAdminClient(invoker)
                .ProbeChannelAsync(new ProbeChannelRequest { Name = parsed.GetValue(name) }, cancellationToken: ct).ResponseAsync,
            ChannelViews.WriteOne);

        return new Command("channels", "Supply channels (ChannelAdmin).") { list, probe };
    }
}
