using System.CommandLine;
using System.Text;
using System.Text.Json;
using Broadband.SpeedUp.Admin.V1;
using Grpc.Core;
using SpeedUp.Admin.Cli.Calls;

namespace SpeedUp.Admin.Cli.Commands;

/// <summary>
/// <c>export CUSTOMER [--file PATH]</c> (StatisticsAdmin/ExportCustomerDetails): a customer's detail CSV, to standard
/// output or a file (created readable by its owner only: it names the customer's lines).
/// </summary>
internal static class ExportCommand
{
    /// <summary>The export as the tool got it.</summary>
    public sealed record Result(string CustomerId, string? File, long Bytes, string Csv);

    public static Command Build(CommandRunner runner)
    {
        var customer = new Argument<string>("customer-id") { Description = "the customer whose details to export" };
        var file = new Option<string?>("--file") { Description = "write the CSV here (mode 0600) instead of standard output", HelpName = "PATH" };
        var report = new ReportOptions();
        var command = report.AddTo(new Command("export", "A customer's detail CSV of a period.") { customer, file });
        return runner.Run(command, "StatisticsAdmin/ExportCustomerDetails",
            (parsed, invoker, ct) => ExportAsync(new StatisticsAdmin.StatisticsAdminClient(invoker), new CustomerExportRequest
            {
                CustomerId = parsed.GetValue(customer), Period = report.PeriodOf(parsed), FromDate = parsed.GetValue(report.From) ?? "",
                ToDate = parsed.GetValue(report.To) ?? "",
            }, parsed.GetValue(file), ct),
            (result, writer) =>
            {
                if (result.File is null)
                {
                    writer.Write(result.Csv);
                }
                else
                {
                    writer.WriteLine($"wrote {result.Bytes} bytes of {result.CustomerId}'s details to {result.File}");
                }
            },
            result => JsonSerializer.Serialize(result.File is null
                ? new Dictionary<string, object> { ["customerId"] = result.CustomerId, ["bytes"] = result.Bytes, ["csv"] = result.Csv }
                : new Dictionary<string, object> { ["customerId"] = result.CustomerId, ["bytes"] = result.Bytes, ["file"] = result.File }));
    }

    private static async Task<Result> ExportAsync(StatisticsAdmin.StatisticsAdminClient client, CustomerExportRequest request, string? file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var call = client.ExportCustomerDetails(request, cancellationToken: cancellationToken))
        {
            await foreach (var chunk in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                chunk.Data.WriteTo(buffer);
            }
        }

        if (file is not null)
        {
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                await using var output = new FileStream(file, options);
                buffer.Position = 0;
                await buffer.CopyToAsync(output, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliUsageException($"cannot write {file}: {e.Message}");
            }
        }

        return new Result(request.CustomerId, file, buffer.Length, file is null ? Encoding.UTF8.GetString(buffer.ToArray()) : "");
    }
}
