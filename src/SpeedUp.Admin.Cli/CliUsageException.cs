namespace SpeedUp.Admin.Cli;

/// <summary>A problem with how the tool was called or configured (exit code 2); its message says what to do.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
