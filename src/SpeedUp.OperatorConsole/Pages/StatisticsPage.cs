using System.Globalization;
using Broadband.SpeedUp.Admin.V1;
using Microsoft.AspNetCore.Http;
using SpeedUp.OperatorConsole.Html;
using static SpeedUp.OperatorConsole.Html.Markup;

namespace SpeedUp.OperatorConsole.Pages;

/// <summary>A customer's business statistics per day for a chosen range (StatisticsAdmin/GetCustomerStatistics): a table and a chart.</summary>
internal sealed class StatisticsPage : IConsolePage
{
    public string Path => "/console/statistics";

    public string Title => "Business statistics";

    public async Task<string> RenderAsync(ConsoleRequest request)
    {
        var range = CustomerRange.Of(request);
        var form = range.Form(Path);
        if (range.Customer.Length == 0)
        {
            return form;
        }

        var response = await new StatisticsAdmin.StatisticsAdminClient(request.Api).GetCustomerStatisticsAsync(new CustomerStatisticsRequest
        {
            CustomerId = range.Customer, Period = range.Period, FromDate = range.From, ToDate = range.To,
        }, cancellationToken: request.Aborted);
        var days = response.Days.Select(d => new SuccessChart.Day(d.Date, d.Total, d.SuccessRate)).ToList();
        return form
            + $"<h2>{E(response.CustomerId)}</h2>"
            + SuccessChart.Render(days)
            + Table("statistics", ["date", "calls", "successful", "failed", "success rate"],
                response.Days.Select(d => Row([d.Date, N(d.Total), N(d.Successful), N(d.Failed), SuccessChart.Percent(d.SuccessRate)])));
    }

    public Task<string?> PostAsync(ConsoleRequest request, string action, IFormCollection form) => Task.FromResult<string?>(null);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
