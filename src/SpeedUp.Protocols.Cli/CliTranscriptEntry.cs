namespace SpeedUp.Protocols.Cli;

/// <summary>One command and its output in a session transcript, secrets masked.</summary>
/// <param name="Session">Identifies the session within the process, e.g. <c>huawei-vrp#3</c>.</param>
/// <param name="Command">The command as sent (masked).</param>
/// <param name="Output">The device's answer (masked), or the failure reason when the command failed.</param>
/// <param name="Prompt">The prompt that ended the output; empty when the command failed.</param>
/// <param name="Elapsed">Time from sending the command to the prompt (or the failure).</param>
public sealed record CliTranscriptEntry(string Session, string Command, string Output, string Prompt, TimeSpan Elapsed);
