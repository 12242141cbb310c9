namespace SpeedUp.Core.Prechecks;

/// <summary>Pre-check settings (section <c>SpeedUp:Precheck</c>).</summary>
public sealed class PrecheckOptions
{
    /// <summary>How long a pre-check stays valid for ordering and starting. Default 30 minutes.</summary>
    public TimeSpan ValidFor { get; set; } = TimeSpan.FromMinutes(30);
}
