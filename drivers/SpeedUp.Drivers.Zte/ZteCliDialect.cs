using System.Text.RegularExpressions;
using SpeedUp.Protocols.Cli;
using SpeedUp.Drivers.Cli.Dialects;

namespace SpeedUp.Drivers.Zte;

/// <summary>
/// The ZTE ZXR10 (M6000-S BRAS) CLI dialect, defined as data in <c>drivers/dialects/zte-zxr10.dialect.json</c> (embedded
/// in this assembly) and compiled once.
/// </summary>
public static class ZteCliDialect
{
    /// <summary>The definition file's name.</summary>
    public const string FileName = "zte-zxr10.dialect.json";

    /// <summary>The compiled definition.</summary>
    public static CompiledDialect Definition { get; } =
        CompiledDialect.Compile(DialectLoader.Embedded(typeof(ZteCliDialect).Assembly, FileName), FileName);

    /// <summary>The answer sent to a <c>[yes/no]</c> confirmation question.</summary>
    public static string ConfirmationAnswer => Definition.Confirmations[0].Answer.Answer;

    /// <summary>Every prompt: <c>HOST#</c>, <c>HOST(config)#</c> and other views, and a <c>[yes/no]:</c> question.</summary>
    public static Regex PromptPattern => Definition.Cli.PromptPattern;

    /// <summary>The ZXR10 pager line, <c> --More-- </c>.</summary>
    public static Regex PagerPattern => Definition.Cli.PagerPattern;

    /// <summary>What the CLI channel needs: <c>terminal length 0</c> on open, lines starting with <c>% </c> mark failures.</summary>
    public static CliDialect Instance => Definition.Cli;

    /// <summary>True when <paramref name="prompt"/> is a <c>[yes/no]</c> question rather than a view prompt.</summary>
    public static bool IsConfirmation(string prompt) => Definition.ConfirmationOf(prompt) is not null;

    /// <summary>True for the exec prompt <c>HOST#</c> (not a configuration view, not a question).</summary>
    public static bool IsExecView(string prompt) => Definition.IsExec(prompt);
}
