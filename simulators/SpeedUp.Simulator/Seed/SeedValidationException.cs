namespace SpeedUp.Simulator;

/// <summary>A seed file that cannot be used; <see cref="Errors"/> lists every problem found.</summary>
public sealed class SeedValidationException : Exception
{
    public SeedValidationException()
        : this("The seed is invalid.", [])
    {
    }

    public SeedValidationException(string message)
        : this(message, [])
    {
    }

    public SeedValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public SeedValidationException(string source, IReadOnlyList<string> errors)
        : base(BuildMessage(source, errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; } = [];

    private static string BuildMessage(string source, IReadOnlyList<string> errors) =>
        errors.Count == 0
            ? source
            : $"Invalid simulator seed {source}:{Environment.NewLine}  - {string.Join(Environment.NewLine + "  - ", errors)}";
}
