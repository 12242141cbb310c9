using System.Text.RegularExpressions;
using SpeedUp.Protocols.Cli;

namespace SpeedUp.Drivers.ChinaTelecom;

/// <summary>The Huawei VRP CLI dialect (ME60 / NE40E BRAS) as <see cref="CliChannel"/> data.</summary>
public static class HuaweiVrpDialect
{
    /// <summary>
    /// Prompts: <c>&lt;HOST&gt;</c> user view, <c>[HOST]</c> system view, <c>[HOST-aaa]</c> and other sub-views,
    /// VRP8 two-stage commit marks <c>[~HOST]</c> / <c>[*HOST]</c>, and HA prefixes such as <c>HRP_M</c>. Host
    /// names may hold any printable character except blanks and angle or square brackets.
    /// </summary>
    public static Regex PromptPattern { get; } = new(
        @"^(?:[A-Za-z0-9_]{1,16})?(?:<(?<host>[^\s<>\[\]]{1,200})>|\[[~*]?(?<host>[^\s<>\[\]]{1,200})\])[ \t]*$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
        TimeSpan.FromSeconds(1));

    /// <summary>
    /// Secrets in VRP commands and configuration: <c>password [cipher|simple|irreversible-cipher] X</c> and
    /// <c>shared-key [cipher|simple] X</c> (local users, RADIUS); X is masked in transcripts.
    /// </summary>
    public static IReadOnlyList<Regex> SecretPatterns { get; } =
    [
        new(@"\b(?:password|shared-key)\s+(?:(?:cipher|simple|irreversible-cipher)\s+)?(?<secret>\S+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1)),
    ];

    /// <summary>The dialect: paging disabled on open, <c>Error:</c> lines mark failures.</summary>
    public static CliDialect Instance { get; } = new()
    {
        Name = "huawei-vrp",
        PromptPattern = PromptPattern,
        OnOpenCommands = ["screen-length 0 temporary"],
        FailureIndicators = ["Error:"],
        LineTerminator = "\r",
        SecretPatterns = SecretPatterns,
    };
}
