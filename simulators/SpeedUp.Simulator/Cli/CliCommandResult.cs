namespace SpeedUp.Simulator;

/// <summary>What a command printed, and whether the session ends after it.</summary>
internal sealed record CliCommandResult(IReadOnlyList<string> Lines, bool CloseSession = false)
{
    public static CliCommandResult Empty { get; } = new([]);

    public static CliCommandResult Close { get; } = new([], CloseSession: true);

    public static CliCommandResult Of(params string[] lines) => new(lines);
}
