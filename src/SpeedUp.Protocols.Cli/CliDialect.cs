using System.Text.RegularExpressions;

namespace SpeedUp.Protocols.Cli;

/// <summary>
/// How one family of devices talks: its prompts, pager, session preparation and failure indicators.
/// Data only; a vendor driver declares one instance.
/// </summary>
public sealed record CliDialect
{
    /// <summary>Short name used in logs and messages, e.g. <c>huawei-vrp</c>.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// Matches a prompt. It is tried only against the last, unterminated line of the output (the tail),
    /// so it should be anchored at both ends (<c>^…$</c>). A group named <c>host</c>, if present, names the device.
    /// </summary>
    public required Regex PromptPattern { get; init; }

    /// <summary>
    /// The patterns <see cref="PromptPattern"/> is made of, each with its name (e.g. <c>exec</c>, <c>config</c>,
    /// <c>confirmations[0]</c>), only to name them in messages (a <c>prompt not matched:</c> failure lists them). When
    /// empty (default), messages name <see cref="PromptPattern"/> as a whole.
    /// </summary>
    public IReadOnlyList<CliNamedPattern> NamedPrompts { get; init; } = [];

    /// <summary>
    /// Matches a pager line (e.g. <c>  ---- More ----</c>) against the last, unterminated line. Default:
    /// dashes around <c>More</c>, anchored.
    /// </summary>
    public Regex PagerPattern { get; init; } = DefaultPagerPattern;

    /// <summary>What is sent to a pager line to get the next page. Default: one space.</summary>
    public string PagerResponse { get; init; } = " ";

    /// <summary>Commands sent once after the session opens, e.g. to disable paging. Default: none.</summary>
    public IReadOnlyList<string> OnOpenCommands { get; init; } = [];

    /// <summary>
    /// Commands sent, without waiting for an answer, when a healthy session is closed (e.g. <c>quit</c>, so that the
    /// device frees its VTY at once). Best effort. Default: none.
    /// </summary>
    public IReadOnlyList<string> OnCloseCommands { get; init; } = [];

    /// <summary>
    /// Line prefixes (after leading blanks) that mark a failed command, e.g. <c>Error:</c>. Compared ordinally.
    /// Default: none.
    /// </summary>
    public IReadOnlyList<string> FailureIndicators { get; init; } = [];

    /// <summary>
    /// Marks secrets in commands and outputs (e.g. <c>password cipher (?&lt;secret&gt;\S+)</c>): a transcript shows
    /// the group named <c>secret</c>, or the whole match when there is no such group, as <c>******</c>. Default: none.
    /// </summary>
    public IReadOnlyList<Regex> SecretPatterns { get; init; } = [];

    /// <summary>What ends a command line on the wire (the Enter key). Default: <c>\r</c>.</summary>
    public string LineTerminator { get; init; } = "\r";

    /// <summary>The default pager pattern: <c>---- More ----</c> with any number of dashes and blanks.</summary>
    public static Regex DefaultPagerPattern { get; } =
        new(@"^\s*-{2,}\s*More\s*-{2,}\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
}

/// <summary>A pattern and the name it goes by in messages (e.g. <c>exec</c> and <c>^&lt;(?&lt;host&gt;…)&gt;$</c>).</summary>
/// <param name="Name">What the pattern is, e.g. <c>exec</c>.</param>
/// <param name="Pattern">The regular expression, as written.</param>
public sealed record CliNamedPattern(string Name, string Pattern);
