namespace SpeedUp.Protocols.Cli;

/// <summary>What the device answered to one command.</summary>
/// <param name="Command">The command as sent (without line terminator).</param>
/// <param name="Output">
/// The device's output between the command's echo and the next prompt: escape sequences, pager
/// lines and the echo removed, lines separated by <c>\n</c>, trailing blanks trimmed.
/// </param>
/// <param name="Prompt">The prompt that ended the output, e.g. <c>[HOST-aaa]</c>; tells the current view.</param>
/// <param name="ErrorLine">The first output line holding a failure indicator (e.g. <c>Error: …</c>), or null.</param>
/// <param name="Elapsed">Time from sending the command to seeing the prompt.</param>
public sealed record CliResponse(string Command, string Output, string Prompt, string? ErrorLine, TimeSpan Elapsed)
{
    /// <summary>Whether the output holds one of the dialect's failure indicators.</summary>
    public bool Failed => ErrorLine is not null;

    /// <summary>The output split into lines.</summary>
    public IReadOnlyList<string> Lines => Output.Length == 0 ? [] : Output.Split('\n');
}
