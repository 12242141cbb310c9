using SpeedUp.Protocols.Cli;
using SpeedUp.Protocols.Snmp;
using SpeedUp.Scheduler;

namespace SpeedUp.Host.Telemetry;

/// <summary>The product's activity sources and the tags the host puts on the server span of a call.</summary>
public static class SpeedUpTracing
{
    /// <summary>Tag on the server span: the call's request id (as in the response and the <c>x-request-id</c> trailer).</summary>
    public const string RequestIdTag = "speedup.request_id";

    /// <summary>Tag on the server span: the product code the call ended with (<c>OK</c> or e.g. <c>isp.SYSTEM_ERROR</c>).</summary>
    public const string ProductCodeTag = "speedup.product_code";

    /// <summary>Tag on the server span: <c>ok</c>, <c>rejected</c> (a product error) or <c>failed</c> (a system error).</summary>
    public const string OutcomeTag = "speedup.outcome";

    /// <summary>Every activity source of the product, listened to by <see cref="TracingServiceCollectionExtensions.AddSpeedUpTracing"/>.</summary>
    public static IReadOnlyList<string> SourceNames { get; } =
        [SchedulerTracing.SourceName, CliTracing.SourceName, SnmpTracing.SourceName];
}
