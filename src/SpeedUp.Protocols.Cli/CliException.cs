namespace SpeedUp.Protocols.Cli;

/// <summary>The one exception type of the CLI stack. Messages name the likely cause and never contain secrets.</summary>
public sealed class CliException : Exception
{
    /// <summary>Creates a CLI failure.</summary>
    /// <param name="failure">Why it failed.</param>
    /// <param name="message">What happened and the likely cause; must not contain secrets.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public CliException(CliFailure failure, string message, Exception? innerException = null)
        : base(message, innerException) => Failure = failure;

    /// <summary>Why it failed.</summary>
    public CliFailure Failure { get; }
}
