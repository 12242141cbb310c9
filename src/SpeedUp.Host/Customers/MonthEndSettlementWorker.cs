using Microsoft.Extensions.Options;
using SpeedUp.Core.Billing;

namespace SpeedUp.Host.Customers;

/// <summary>
/// Settles finished months by itself (<c>SpeedUp:Settlement</c>): at start-up, then every
/// <see cref="MonthEndSettlementOptions.CheckInterval"/>. Settling is idempotent and transactional per bill, so
/// several instances, or an operator's <c>RunSettlement</c>, never charge a month twice.
/// </summary>
internal sealed partial class MonthEndSettlementWorker(
    SettlementService settlement,
    IOptions<MonthEndSettlementOptions> options,
    TimeProvider time,
    ILogger<MonthEndSettlementWorker> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Automatic)
        {
            LogManualOnly();
            return;
        }

        using var timer = new PeriodicTimer(settings.CheckInterval, time);
        do
        {
            try
            {
                foreach (var bill in await settlement.SettleDueMonthsAsync(settings.Delay, settings.CatchUpMonths, stoppingToken).ConfigureAwait(false))
                {
                    LogSettled(bill.CustomerId, bill.Month, Money.Format(bill.Total), Money.Format(bill.Released));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information,
        Message = "Settled {Month} for customer {CustomerId}: charged {Total} CNY, released {Released} CNY of the frozen amount")]
    private partial void LogSettled(string customerId, string month, string total, string released);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Error, Message = "Month-end settlement failed; retrying at the next check")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "Automatic month-end settlement is off (SpeedUp:Settlement:Automatic); months are settled by CustomerAdmin/RunSettlement")]
    private partial void LogManualOnly();
}
