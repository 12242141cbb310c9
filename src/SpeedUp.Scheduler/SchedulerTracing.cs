using System.Diagnostics;
using SpeedUp.Core.Channels;
using SpeedUp.Core.Errors;
using SpeedUp.Drivers;

namespace SpeedUp.Scheduler;

/// <summary>
/// The scheduler's spans, on the <see cref="ActivitySource"/> named <see cref="SourceName"/>: <c>scheduler.run</c> per
/// <see cref="SupplyChannelScheduler.RunAsync{T}"/>, a child <c>scheduler.attempt</c> per channel tried, and within it
/// a <c>driver.{operation}</c> span per guarded driver call (health probes make their own root spans).
/// </summary>
public static class SchedulerTracing
{
    /// <summary>The name of the activity source to listen to.</summary>
    public const string SourceName = "SpeedUp.Scheduler";

    /// <summary>Span of one run over the supply channels.</summary>
    public const string RunSpan = "scheduler.run";

    /// <summary>Span of one attempt of a run on one channel.</summary>
    public const string AttemptSpan = "scheduler.attempt";

    /// <summary>Prefix of a guarded driver call's span: <c>driver.find_line</c>, <c>driver.read_line</c>, <c>driver.set_rate</c>, <c>driver.probe</c>.</summary>
    public const string DriverSpanPrefix = "driver.";

    /// <summary>Tag: what the run does, in words (holds the band id, or the public address and port of a find).</summary>
    public const string OperationTag = "speedup.operation";

    /// <summary>Tag: the line's carrier.</summary>
    public const string CarrierTag = "speedup.carrier";

    /// <summary>Tag: the line's province.</summary>
    public const string ProvinceTag = "speedup.province";

    /// <summary>Tag: the direction of a speed-up (absent for reads).</summary>
    public const string DirectionTag = "speedup.direction";

    /// <summary>Tag: the tier's bandwidth in Mbit/s (absent for reads).</summary>
    public const string BandwidthTag = "speedup.bandwidth_mbps";

    /// <summary>Tag: the channel tried first whatever it serves (the channel that applied a session), when any.</summary>
    public const string PreferredChannelTag = "speedup.preferred_channel";

    /// <summary>Tag: the supply channel (attempt, driver call; on a run, the channel that served it).</summary>
    public const string ChannelTag = "speedup.channel";

    /// <summary>Tag: the driver (dialect) name, e.g. <c>huawei-cli-ssh</c>.</summary>
    public const string DriverTag = "speedup.driver";

    /// <summary>Tag: 1 for the first channel of a run, 2 for the next, …</summary>
    public const string AttemptNumberTag = "speedup.attempt";

    /// <summary>Tag: how many channels a run tried.</summary>
    public const string AttemptsTag = "speedup.attempts";

    /// <summary>
    /// Tag: how it ended. Runs and attempts: <c>succeeded</c>, <c>failover</c> (attempt: a channel fault or an unconfirmed
    /// write moved the run on), <c>full</c> (attempt: no capacity), <c>line_error</c> (the device's answer about the
    /// line ended the run), <c>failed</c> (run: no channel could), <c>error</c> (another exception, e.g. a business
    /// refusal). Driver calls: <c>succeeded</c> or the <see cref="DriverFailure"/>.
    /// </summary>
    public const string OutcomeTag = "speedup.outcome";

    /// <summary>Tag: the <see cref="DriverFailure"/> that moved an attempt on (with outcome <c>failover</c>) or ended it.</summary>
    public const string FailoverReasonTag = "speedup.failover.reason";

    /// <summary>Tag: the product error code a run ended with, when it failed.</summary>
    public const string ProductCodeTag = "speedup.product_code";

    /// <summary>Tag: the driver failure of a driver call that failed (also its outcome).</summary>
    public const string DriverFailureTag = "speedup.driver.failure";

    internal static readonly ActivitySource Source = new(SourceName);

    internal static Activity? StartRun(ChannelRequest request)
    {
        var activity = Source.StartActivity(RunSpan);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(OperationTag, request.Operation);
            TagDemand(activity, request.Demand);
            activity.SetTag(PreferredChannelTag, request.PreferredChannel);
        }

        return activity;
    }

    internal static Activity? StartAttempt(ChannelRequest request, SupplyChannel channel, int number)
    {
        var activity = Source.StartActivity(AttemptSpan);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(ChannelTag, channel.Name);
            activity.SetTag(DriverTag, channel.Options.Driver);
            activity.SetTag(AttemptNumberTag, number);
            TagDemand(activity, request.Demand);
        }

        return activity;
    }

    internal static Activity? StartDriverCall(SupplyChannel channel, string operation)
    {
        var activity = Source.StartActivity(DriverSpanPrefix + operation, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(ChannelTag, channel.Name);
            activity.SetTag(DriverTag, channel.Options.Driver);
        }

        return activity;
    }

    internal static void Ended(Activity? activity, string outcome, ActivityStatusCode status = ActivityStatusCode.Unset, string? description = null)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(OutcomeTag, outcome);
        if (status != ActivityStatusCode.Unset)
        {
            activity.SetStatus(status, description);
        }
    }

    internal static void MovedOn(Activity? activity, DriverException failure)
    {
        activity?.SetTag(FailoverReasonTag, failure.Failure.ToString());
        Ended(activity, "failover", ActivityStatusCode.Error, failure.Failure.ToString());
    }

    internal static void RunFailed(Activity? activity, SpeedUpException error)
    {
        activity?.SetTag(ProductCodeTag, error.Code);
        Ended(activity, "failed", ActivityStatusCode.Error, error.Code);
    }

    internal static void Threw(Activity? activity, Exception exception)
    {
        if (exception is SpeedUpException product)
        {
            activity?.SetTag(ProductCodeTag, product.Code);
        }

        Ended(activity, "error", ActivityStatusCode.Error, exception is OperationCanceledException ? "cancelled" : exception.GetType().Name);
    }

    private static void TagDemand(Activity activity, ChannelDemand demand)
    {
        activity.SetTag(CarrierTag, demand.Carrier.ToString());
        activity.SetTag(ProvinceTag, demand.Province);
        activity.SetTag(DirectionTag, demand.Direction?.ToString());
        activity.SetTag(BandwidthTag, demand.BandwidthMbps);
    }
}
