using System.Text.RegularExpressions;
using SpeedUp.Protocols.Cli;
using SpeedUp.Drivers.Cli.Dialects;

namespace SpeedUp.Drivers.Huawei;

/// <summary>
/// The Huawei VRP CLI dialect (ME60 / NE40E BRAS), defined as data in <c>drivers/dialects/huawei-vrp.dialect.json</c>
/// (embedded in this assembly) and compiled once.
/// </summary>
public static class HuaweiVrpDialect
{
    /// <summary>The definition file's name.</summary>
    public const string FileName = "huawei-vrp.dialect.json";

    /// <summary>The compiled definition.</summary>
    public static CompiledDialect Definition { get; } =
        CompiledDialect.Compile(DialectLoader.Embedded(typeof(HuaweiVrpDialect).Assembly, FileName), FileName);

    /// <summary>Every prompt of the dialect: user view, system view, AAA view (HA prefixes and VRP8 commit marks allowed).</summary>
    public static Regex PromptPattern => Definition.Cli.PromptPattern;

    /// <summary>Secrets in VRP commands and configuration (<c>password … X</c>, <c>shared-key … X</c>), masked in transcripts.</summary>
    public static IReadOnlyList<Regex> SecretPatterns => Definition.Cli.SecretPatterns;

    /// <summary>What the CLI channel needs: paging disabled on open, <c>Error:</c> lines mark failures.</summary>
    public static CliDialect Instance => Definition.Cli;
}
