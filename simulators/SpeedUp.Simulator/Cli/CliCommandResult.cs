namespace SpeedUp.Simulator;

/// <summary>
/// What a command printed, and whether the session ends after it. A <paramref name="Question"/> (e.g. a
/// <c>[yes/no]:</c> confirmation) is shown instead of the prompt; the next line is its answer.
/// <paramref name="DisconnectAll"/> (with <paramref name="CloseSession"/>): after the answer every other session is
/// closed too (a reboot).
/// </summary>
internal sealed record CliCommandResult(IReadOnlyList<string> Lines, bool CloseSession = false, string? Question = null, bool DisconnectAll = false)
{
    public static CliCommandResult Empty { get; } = new([]);

    public static CliCommandResult Close { get; } = new([], CloseSession: true);

    public static CliCommandResult Of(params string[] lines) => new(lines);
}
