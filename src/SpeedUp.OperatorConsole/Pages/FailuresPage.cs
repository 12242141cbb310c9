using System.Text;
using Broadband.SpeedUp.Admin.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using SpeedUp.OperatorConsole.Backend;
using static SpeedUp.OperatorConsole.Html.Markup;

namespace SpeedUp.OperatorConsole.Pages;

/// <summary>
/// A customer's recent failed calls with their product codes, newest first: the FAILED rows of the call-detail export
/// (StatisticsAdmin/ExportCustomerDetails) for a chosen range, so it shows what the customer's own CSV shows.
/// </summary>
internal sealed class FailuresPage : IConsolePage
{
    /// <summary>The most rows shown.</summary>
    public const int MaxRows = 200;

    public string Path => "/console/failures";

    public string Title => "Recent failures";

    public async Task<string> RenderAsync(ConsoleRequest request)
    {
        var range = CustomerRange.Of(request);
        var form = range.Form(Path);
        if (range.Customer.Length == 0)
        {
            return form;
        }

        using var export = new StatisticsAdmin.StatisticsAdminClient(request.Api).ExportCustomerDetails(new CustomerExportRequest
        {
            CustomerId = range.Customer, Period = range.Period, FromDate = range.From, ToDate = range.To,
        }, cancellationToken: request.Aborted);
        var csv = new StringBuilder();
        await foreach (var chunk in export.ResponseStream.ReadAllAsync(request.Aborted))
        {
            csv.Append(chunk.Data.ToStringUtf8());
        }

        var failed = DetailCsv.Parse(csv.ToString())
            .Where(r => r.GetValueOrDefault("result") == "FAILED")
            .OrderByDescending(r => r.GetValueOrDefault("start_time"), StringComparer.Ordinal)
            .Take(MaxRows)
            .ToList();
        return form
            + $"<h2>{E(range.Customer)}: {E(failed.Count)} failed call{(failed.Count == 1 ? "" : "s")}{(failed.Count == MaxRows ? " (the latest " + MaxRows + ")" : "")}</h2>"
            + Table("failures", ["started (CST)", "account", "direction", "target Mbps", "product code and reason"],
                failed.Select(r => Row([
                    r.GetValueOrDefault("start_time"), r.GetValueOrDefault("broadband_account"), r.GetValueOrDefault("direction"),
                    r.GetValueOrDefault("target_bandwidth_mbps"), r.GetValueOrDefault("failure_reason"),
                ])));
    }

    public Task<string?> PostAsync(ConsoleRequest request, string action, IFormCollection form) => Task.FromResult<string?>(null);
}
