using System.CommandLine;
using Broadband.SpeedUp.Admin.V1;

namespace SpeedUp.Admin.Cli.Commands;

/// <summary>The period options of <c>stats</c> and <c>export</c>: <c>--period this-month|last-month|custom</c>, <c>--from</c>, <c>--to</c>.</summary>
internal sealed class ReportOptions
{
    public Option<string> Period { get; } = new("--period")
    {
        Description = "this-month (default), last-month or custom (with --from and --to, at most 31 days)",
        DefaultValueFactory = _ => "this-month",
    };

    public Option<string?> From { get; } = new("--from") { Description = "custom: first day, yyyy-MM-dd (CST)" };

    public Option<string?> To { get; } = new("--to") { Description = "custom: last day, yyyy-MM-dd (CST)" };

    public ReportOptions() => Period.AcceptOnlyFromAmong("this-month", "last-month", "custom");

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public Command AddTo(Command command)
    {
        command.Options.Add(Period);
        command.Options.Add(From);
        command.Options.Add(To);
        return command;
    }

    /// <summary>The period asked for.</summary>
    public ReportPeriod PeriodOf(ParseResult parsed) => parsed.GetValue(Period) switch
    {
        "last-month" => ReportPeriod.LastMonth,
        "custom" => ReportPeriod.Custom,
        _ => ReportPeriod.ThisMonth,
    };
}
