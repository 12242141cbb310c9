using System.CommandLine;
using Broadband.SpeedUp.Admin.V1;
using SpeedUp.Admin.Cli.Calls;
using SpeedUp.Admin.Cli.Output;

namespace SpeedUp.Admin.Cli.Commands;

/// <summary><c>stats CUSTOMER</c> (StatisticsAdmin/GetCustomerStatistics): a customer's calls per CST day.</summary>
internal static class StatsCommand
{
    public static Command Build(CommandRunner runner)
    {
        var customer = new Argument<string>("customer-id") { Description = "the customer whose statistics to show" };
        var report = new ReportOptions();
        var command = report.AddTo(new Command("stats", "A customer's speed-ups per CST day: total, successful, failed, success rate.") { customer });
        return runner.Unary(command, "StatisticsAdmin/GetCustomerStatistics",
            (parsed, invoker, ct) => new StatisticsAdmin.StatisticsAdminClient(invoker).GetCustomerStatisticsAsync(new CustomerStatisticsRequest
            {
                CustomerId = parsed.GetValue(customer), Period = report.PeriodOf(parsed), FromDate = parsed.GetValue(report.From) ?? "",
                ToDate = parsed.GetValue(report.To) ?? "",
            }, cancellationToken: ct).ResponseAsync,
            StatisticsViews.WriteDays);
    }
}
