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
        var customer = request.Query("customer");
        var from = request.Query("from");
        var to = request.Query("to");
        var form = "<form method=\"get\" action=\"/console/statistics\" id=\"range\">"
            + $"<label>customer <input name=\"customer\" value=\"{E(customer)}\" required></label>"
            + $"<label>from <input type=\"date\" name=\"from\" value=\"{E(from)}\"></label>"
            + $"<label>to <input type=\"date\" name=\"to\" value=\"{E(to)}\"></label><button type=\"submit\">Show</button>"
            + "<span> (no dates: this month)</span></form>";
        if (customer.Length == 0)
        {
            return form;
        }

        var custom = from.Length > 0 || to.Length > 0;
        var response = await new StatisticsAdmin.StatisticsAdminClient(request.Api).GetCustomerStatisticsAsync(new CustomerStatisticsRequest
        {
            CustomerId = customer, Period = custom ? ReportPeriod.Custom : ReportPeriod.ThisMonth, FromDate = from, ToDate = to,
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
