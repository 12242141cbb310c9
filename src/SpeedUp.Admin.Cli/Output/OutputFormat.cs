namespace SpeedUp.Admin.Cli.Output;

/// <summary>How results are printed: aligned text for people, or JSON (protobuf's JSON mapping) for scripts.</summary>
internal enum OutputFormat
{
    /// <summary>Aligned columns.</summary>
    Table,

    /// <summary>One JSON document per command on standard output; failures as a JSON document on standard error.</summary>
    Json,
}
