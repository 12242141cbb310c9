using System.Text.RegularExpressions;

namespace SpeedUp.Protocols.Cli.Tests;

/// <summary>A Huawei-like dialect for channel tests.</summary>
internal static class TestDialect
{
    public static CliDialect Huawei { get; } = new()
    {
        Name = "test-huawei",
        PromptPattern = new Regex(
            @"^(?:[A-Za-z0-9_]{1,16})?(?:<(?<host>[^\s<>\[\]]{1,200})>|\[[~*]?(?<host>[^\s<>\[\]]{1,200})\])[ \t]*$",
            RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1)),
        FailureIndicators = ["Error:"],
    };

    public static CliDialect WithOnOpen(params string[] commands) => Huawei with { OnOpenCommands = commands };
}
