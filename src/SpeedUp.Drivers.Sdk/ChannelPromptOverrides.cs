namespace SpeedUp.Drivers;

/// <summary>
/// Per-device prompt patterns for CLI channels (<c>SpeedUp:Channels:N:Prompts</c>), replacing the dialect's when a
/// device shows odd host names, firewall or HA prefixes. Regular expressions anchored <c>^…$</c>; null = the dialect's.
/// </summary>
public sealed class ChannelPromptOverrides
{
    /// <summary>The exec (start) view prompt of this device.</summary>
    public string? Exec { get; set; }

    /// <summary>The configuration view prompt of this device.</summary>
    public string? Config { get; set; }
}
