using SpeedUp.Core.Telemetry;
using SpeedUp.Scheduler;

namespace SpeedUp.Host.Telemetry;

/// <summary>The service's meters, one per component (docs/operations-metrics.md).</summary>
public static class SpeedUpMeters
{
    /// <summary>gRPC calls and authentication (<see cref="CallMetrics"/>, <see cref="AuthenticationMetrics"/>).</summary>
    public const string Host = "SpeedUp.Host";

    /// <summary>Journal writes (<see cref="StorageMetrics"/>).</summary>
    public const string Storage = "SpeedUp.Storage";

    /// <summary>Every meter of the service.</summary>
    public static IReadOnlyList<string> All { get; } = [Host, SessionMetrics.MeterName, ChannelMetrics.MeterName, Storage];
}
