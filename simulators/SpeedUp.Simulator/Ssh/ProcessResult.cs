namespace SpeedUp.Simulator;

/// <summary>Exit code and captured output of a finished helper process.</summary>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => (StandardOutput + Environment.NewLine + StandardError).Trim();
}
