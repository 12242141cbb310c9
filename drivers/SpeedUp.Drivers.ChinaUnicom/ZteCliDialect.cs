using System.Text.RegularExpressions;
using SpeedUp.Protocols.Cli;

namespace SpeedUp.Drivers.ChinaUnicom;

/// <summary>The ZTE ZXR10 (M6000-S BRAS) CLI dialect as <see cref="CliChannel"/> data.</summary>
public static class ZteCliDialect
{
    /// <summary>The answer sent to a <c>[yes/no]</c> confirmation question.</summary>
    public const string ConfirmationAnswer = "yes";

    /// <summary>
    /// Prompts: <c>HOST#</c> (exec), <c>HOST(config)#</c> and other configuration sub-views
    /// (<c>HOST(config-subscriber)#</c>), and — so that a command waiting for an answer ends like one reaching a
    /// prompt — a confirmation question ending in <c>[yes/no]:</c>. Host names may hold any printable character
    /// except blanks, parentheses and <c>#</c> (ZXR10 allows dots, dashes, underscores, slashes).
    /// </summary>
    public static Regex PromptPattern { get; } = new(
        @"^(?:(?<host>[^\s()#]{1,200})(?:\((?<view>[A-Za-z0-9_-]{1,40})\))?#|.{0,300}\[yes/no\]:?)[ \t]*$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
        TimeSpan.FromSeconds(1));

    /// <summary>The ZXR10 pager line, <c> --More-- </c> (blanks and dashes around <c>More</c>).</summary>
    public static Regex PagerPattern { get; } = new(
        @"^\s*-{2,}\s*More\s*-{2,}\s*$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase,
        TimeSpan.FromSeconds(1));

    /// <summary>The dialect: <c>terminal length 0</c> on open, lines starting with <c>% </c> mark failures.</summary>
    public static CliDialect Instance { get; } = new()
    {
        Name = "zte-zxr10",
        PromptPattern = PromptPattern,
        PagerPattern = PagerPattern,
        OnOpenCommands = ["terminal length 0"],
        FailureIndicators = ["% "],
        LineTerminator = "\r",
    };

    /// <summary>True when <paramref name="prompt"/> is a <c>[yes/no]</c> question rather than a view prompt.</summary>
    public static bool IsConfirmation(string prompt) =>
        prompt.TrimEnd().EndsWith("[yes/no]:", StringComparison.OrdinalIgnoreCase)
        || prompt.TrimEnd().EndsWith("[yes/no]", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for the exec prompt <c>HOST#</c> (not a configuration view, not a question).</summary>
    public static bool IsExecView(string prompt) =>
        prompt.EndsWith('#') && !prompt.EndsWith(")#", StringComparison.Ordinal) && !IsConfirmation(prompt);
}
