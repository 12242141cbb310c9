namespace SpeedUp.Drivers;

/// <summary>
/// How much a device's CLI session may buffer (<c>SpeedUp:Channels:N:Cli</c>). Past any limit the command fails as a
/// protocol error and the session is closed and discarded: a device sending endless output, endless lines or cursor
/// jumps cannot make the service allocate without bound. Also how soon a prompt the dialect does not match fails
/// (<see cref="PromptMismatchAfter"/>). CLI drivers only.
/// </summary>
public sealed class CliBufferLimits
{
    /// <summary>Most characters of one command's output. Default 1,048,576; at least 1.</summary>
    public int MaxOutputChars { get; set; } = 1_048_576;

    /// <summary>Most characters of one output line (the screen's width). Default 65,536; at least 80.</summary>
    public int MaxLineChars { get; set; } = 65_536;

    /// <summary>Most bytes received from the device and not yet read by a command. Default 1,048,576; at least 4,096.</summary>
    public long MaxPendingBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How long the device's output may stall on a prompt-like last line (ending with <c>&gt; # ] $ % :</c> or <c>)</c>,
    /// no line break after it) that none of the dialect's prompts matches before the command fails as a protocol error
    /// (<c>prompt not matched:</c>) instead of waiting for the operation timeout. Default 2 s; zero disables the check;
    /// not negative.
    /// </summary>
    public TimeSpan PromptMismatchAfter { get; set; } = TimeSpan.FromSeconds(2);
}
