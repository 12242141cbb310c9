using System.Globalization;
using Broadband.SpeedUp.Admin.V1;
using Google.Protobuf;
using Grpc.Core;
using SpeedUp.Core.Customers;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Statistics;
using DomainPeriod = SpeedUp.Core.Statistics.StatisticsPeriod;

namespace SpeedUp.Host.Grpc;

/// <summary>
/// A customer's business statistics and detail export for the operator (protos/broadband/speedup/admin/v1/statistics.proto):
/// the same figures and file the customer reads through <c>SpeedUpService</c>, for a customer the request names.
/// </summary>
internal sealed class StatisticsAdminGrpcService(CustomerService customers, StatisticsService statistics) : StatisticsAdmin.StatisticsAdminBase
{
    /// <inheritdoc />
    public override async Task<CustomerStatisticsResponse> GetCustomerStatistics(CustomerStatisticsRequest request, ServerCallContext context)
    {
        var customer = await customers.GetAsync(request.CustomerId, context.CancellationToken);
        var range = statistics.Resolve(Period(request.Period), request.FromDate, request.ToDate);
        var days = await statistics.DailyAsync(customer.Id, range, context.CancellationToken);
        return new CustomerStatisticsResponse
        {
            CustomerId = customer.Id,
            Days =
            {
                days.Select(d => new DayStatistics
                {
                    Date = d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Total = d.Total, Successful = d.Successful, Failed = d.Failed,
                    SuccessRate = d.SuccessRate,
                }),
            },
        };
    }

    /// <inheritdoc />
    public override async Task ExportCustomerDetails(CustomerExportRequest request, IServerStreamWriter<CsvChunk> responseStream, ServerCallContext context)
    {
        var customer = await customers.GetAsync(request.CustomerId, context.CancellationToken);
        var range = statistics.Resolve(Period(request.Period), request.FromDate, request.ToDate);
        await foreach (var chunk in statistics.ExportAsync(customer.Id, range, context.CancellationToken))
        {
            if (!chunk.IsEmpty)
            {
                await responseStream.WriteAsync(new CsvChunk { Data = ByteString.CopyFrom(chunk.Span) }, context.CancellationToken);
            }
        }
    }

    private static DomainPeriod Period(ReportPeriod period) => period switch
    {
        ReportPeriod.ThisMonth => DomainPeriod.ThisMonth,
        ReportPeriod.LastMonth => DomainPeriod.LastMonth,
        ReportPeriod.Custom => DomainPeriod.Custom,
        _ => throw SpeedUpException.InvalidParameter("period must be REPORT_PERIOD_THIS_MONTH, REPORT_PERIOD_LAST_MONTH or REPORT_PERIOD_CUSTOM."),
    };
}
