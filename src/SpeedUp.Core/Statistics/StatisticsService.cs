using System.Globalization;
using SpeedUp.Core.Billing;
using SpeedUp.Core.Errors;

namespace SpeedUp.Core.Statistics;

/// <summary>Which days statistics cover.</summary>
public enum StatisticsPeriod
{
    /// <summary>The current CST month, up to today.</summary>
    ThisMonth,

    /// <summary>The previous CST month.</summary>
    LastMonth,

    /// <summary>An explicit range of CST dates, inclusive, at most 31 days.</summary>
    Custom,
}

/// <summary>A range of CST days, both inclusive.</summary>
public sealed record DayRange(DateOnly First, DateOnly Last)
{
    /// <summary>Where the range starts.</summary>
    public DateTimeOffset From => ChinaTime.StartOf(First);

    /// <summary>Where it ends (exclusive): midnight after the last day.</summary>
    public DateTimeOffset To => ChinaTime.StartOf(Last.AddDays(1));
}

/// <summary>One day of the business statistics.</summary>
public sealed record DailyStatistics(DateOnly Date, long Total, long Successful, long Failed)
{
    /// <summary>
    /// Successful / total, where total = successful + failed (加速成功次数 / 加速总次数). A day without calls is 1 (100.00 %):
    /// the product console's sample shows "0 0 0 100.00%" for such days.
    /// </summary>
    public double SuccessRate => Total == 0 ? 1 : (double)Successful / Total;
}

/// <summary>
/// Business statistics of a customer's speed-ups per CST day, and their detail export. A speed-up counts when it was
/// journalled (it reached the equipment stage): successful when its target rate was applied, failed when it was not
/// (APPLY_FAILED); one still being applied counts in neither. A start the supply side refused before journalling (no
/// channel could serve it, every channel full: <see cref="RefusedStart"/>) counts as failed too.
/// </summary>
public sealed class StatisticsService(IStatisticsStore store, TimeProvider time)
{
    /// <summary>Longest custom range.</summary>
    public const int MaxDays = 31;

    /// <summary>The earliest day a request may name.</summary>
    public static readonly DateOnly FirstDay = new(2000, 1, 1);

    /// <summary>The latest day a request may name (days far out would leave the calendar's range: 0001-01-01, 9999-12-31).</summary>
    public static readonly DateOnly LastDay = new(2099, 12, 31);

    /// <summary>
    /// Resolves a period to CST days. Custom dates are <c>yyyy-MM-dd</c> between <see cref="FirstDay"/> and
    /// <see cref="LastDay"/>; the other periods ignore the dates, but a date that is given must still be one.
    /// </summary>
    public DayRange Resolve(StatisticsPeriod period, string? fromDate, string? toDate)
    {
        var from = string.IsNullOrEmpty(fromDate) ? (DateOnly?)null : Date(fromDate, "from_date");
        var to = string.IsNullOrEmpty(toDate) ? (DateOnly?)null : Date(toDate, "to_date");
        var today = ChinaTime.DateOf(time.GetUtcNow());
        var month = new BillingMonth(today.Year, today.Month);
        switch (period)
        {
            case StatisticsPeriod.ThisMonth:
                return new DayRange(month.FirstDay, today);
            case StatisticsPeriod.LastMonth:
                return new DayRange(month.Previous.FirstDay, month.Previous.LastDay);
            case StatisticsPeriod.Custom:
                var first = from ?? Date(fromDate, "from_date");
                var last = to ?? Date(toDate, "to_date");
                if (last < first)
                {
                    throw SpeedUpException.InvalidParameter("to_date must not be before from_date.");
                }

                if (last.DayNumber - first.DayNumber + 1 > MaxDays)
                {
                    throw SpeedUpException.InvalidParameter($"A custom range covers at most {MaxDays} days.");
                }

                return new DayRange(first, last);
            default:
                throw SpeedUpException.InvalidParameter("period must be THIS_MONTH, LAST_MONTH or CUSTOM.");
        }
    }

    /// <summary>One row per day of the range, days without speed-ups included.</summary>
    public async Task<IReadOnlyList<DailyStatistics>> DailyAsync(string customerId, DayRange range, CancellationToken cancellationToken)
    {
        var counts = (await store.CountByDayAsync(customerId, range.From, range.To, cancellationToken).ConfigureAwait(false))
            .ToDictionary(c => c.Date);
        var days = new List<DailyStatistics>();
        for (var day = range.First; day <= range.Last; day = day.AddDays(1))
        {
            var c = counts.GetValueOrDefault(day);
            days.Add(new DailyStatistics(day, (c?.Successful ?? 0) + (c?.Failed ?? 0), c?.Successful ?? 0, c?.Failed ?? 0));
        }

        return days;
    }

    /// <summary>The detail export of the range as CSV chunks (see <see cref="CsvDetailWriter"/>), streamed from storage.</summary>
    public IAsyncEnumerable<ReadOnlyMemory<byte>> ExportAsync(string customerId, DayRange range, CancellationToken cancellationToken) =>
        CsvDetailWriter.WriteAsync(store.ReadDetailsAsync(customerId, range.From, range.To, cancellationToken), time.GetUtcNow(), cancellationToken);

    private static DateOnly Date(string? text, string field) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
        && date >= FirstDay && date <= LastDay
            ? date
            : throw SpeedUpException.InvalidParameter(string.Create(CultureInfo.InvariantCulture,
                $"{field} must be a date yyyy-MM-dd (CST) from {FirstDay:yyyy-MM-dd} to {LastDay:yyyy-MM-dd}."));
}
