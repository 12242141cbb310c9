using System.Globalization;
using Broadband.SpeedUp.Admin.V1;

namespace SpeedUp.Admin.Cli.Output;

/// <summary>Statistics as text.</summary>
internal static class StatisticsViews
{
    public static void WriteDays(CustomerStatisticsResponse response, TextWriter writer)
    {
        var table = new TextTable("DATE", "TOTAL", "SUCCESSFUL", "FAILED", "SUCCESS RATE");
        foreach (var d in response.Days)
        {
            table.Row(d.Date, Fields.Number(d.Total), Fields.Number(d.Successful), Fields.Number(d.Failed),
                (d.SuccessRate * 100).ToString("0.00", CultureInfo.InvariantCulture) + " %");
        }

        table.WriteTo(writer);
        writer.WriteLine($"{response.CustomerId}: {response.Days.Sum(d => d.Total)} speed-ups, {response.Days.Sum(d => d.Failed)} failed");
    }
}
