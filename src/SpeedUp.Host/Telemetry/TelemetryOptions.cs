namespace SpeedUp.Host.Telemetry;

/// <summary>Metric export and sampling (section <c>SpeedUp:Telemetry</c>).</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "SpeedUp:Telemetry";

    /// <summary>OTLP collector to push metrics to (e.g. <c>http://127.0.0.1:4317</c>, gRPC); empty = no OTLP export.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>How often the open sessions are counted from the store for <c>speedup.sessions.open</c>. Default 15 s.</summary>
    public TimeSpan OpenSessionsInterval { get; set; } = TimeSpan.FromSeconds(15);
}
