namespace SpeedUp.Host.Telemetry;

/// <summary>The tracing settings of section <c>SpeedUp:Telemetry</c> (the metrics settings share the section).</summary>
public sealed class TracingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "SpeedUp:Telemetry";

    /// <summary>
    /// Where spans are exported over OTLP, e.g. <c>http://collector:4317</c> (gRPC; <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>
    /// for <c>:4318</c>). Empty (the default): spans are made for listeners in the process but exported nowhere.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>
    /// Whether spans may hold subscriber accounts (a CLI command's whole text, secrets masked). Default false: a CLI
    /// span records the command's first word only. Secrets (passwords, communities) are never recorded either way.
    /// </summary>
    public bool RecordAccounts { get; set; }
}
