using Microsoft.Extensions.Logging;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Sessions;

namespace SpeedUp.Core.Statistics;

/// <summary>
/// Writes down a start the supply side refused before anything was journalled, so the day's statistics and the detail
/// export count it as failed. Called by <see cref="SpeedUpApplier"/> where the refusal happens. A record that cannot be
/// written is logged and dropped: the caller still gets the refusal itself, never the store's failure.
/// </summary>
public sealed partial class RefusedStartRecorder(IRefusedStartStore store, TimeProvider time, ILogger<RefusedStartRecorder> logger)
{
    /// <summary>Whether a refusal is a failed speed-up call: everything but the use-exclusion race (another open session).</summary>
    public static bool Counts(SpeedUpException error) => error.Kind != FailureKind.AlreadyExists;

    /// <summary>Records <paramref name="error"/> as the outcome of <paramref name="plan"/>, if it counts.</summary>
    public async Task RecordAsync(SpeedUpPlan plan, SpeedUpException error)
    {
        if (!Counts(error))
        {
            return;
        }

        var precheck = plan.Precheck;
        var message = error.Message.Length > RefusedStart.MaxMessageLength ? error.Message[..RefusedStart.MaxMessageLength] : error.Message;
        var refusal = new RefusedStart(
            "rs-" + Guid.NewGuid().ToString("N"), plan.Attribution?.CustomerId ?? NullIfEmpty(precheck.CustomerId), precheck.BandId,
            precheck.Account, precheck.Carrier, precheck.Province, plan.Direction, plan.TargetKbps, time.GetUtcNow(), error.Code, message);
        try
        {
            await store.RecordAsync(refusal, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is StoreUnavailableException or InvalidOperationException or System.Data.Common.DbException)
        {
            LogNotRecorded(precheck.BandId, error.Code, e.Message);
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning,
        Message = "A refused start of band {BandId} ({Code}) could not be recorded for the statistics: {Failure}")]
    private partial void LogNotRecorded(long bandId, string code, string failure);
}
