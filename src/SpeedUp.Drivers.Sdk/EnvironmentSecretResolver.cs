namespace SpeedUp.Drivers;

/// <summary>Resolves a secret reference as the name of an environment variable of the service's process.</summary>
public sealed class EnvironmentSecretResolver : ISecretResolver
{
    /// <summary>The one instance (the resolver has no state).</summary>
    public static EnvironmentSecretResolver Instance { get; } = new();

    /// <inheritdoc />
    public string? Resolve(string? reference, string? inlineValue) =>
        !string.IsNullOrEmpty(reference) && Environment.GetEnvironmentVariable(reference) is { Length: > 0 } value
            ? value
            : inlineValue;
}
