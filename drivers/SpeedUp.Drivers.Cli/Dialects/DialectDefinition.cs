namespace SpeedUp.Drivers.Cli.Dialects;

/// <summary>
/// An equipment CLI dialect as data (a <c>*.dialect.json</c> file): prompts per view, paging, failure indicators,
/// confirmation questions, on-open/on-close steps, the command template of each driver operation and how to read
/// the subscriber output. Loaded and checked by <see cref="DialectLoader"/>; run by <see cref="DialectCliDriver"/>.
/// </summary>
public sealed class DialectDefinition
{
    /// <summary>Dialect name used in logs, e.g. <c>huawei-vrp</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The driver name channels use (<c>SpeedUp:Channels:N:Driver</c>), e.g. <c>huawei-cli-ssh</c>.</summary>
    public string Driver { get; set; } = "";

    /// <summary>Free text: the equipment family and software this was written against.</summary>
    public string? Description { get; set; }

    /// <summary>What ends a command line on the wire. Default <c>\r</c>.</summary>
    public string LineTerminator { get; set; } = "\r";

    /// <summary>Prompt patterns.</summary>
    public DialectPrompts Prompts { get; set; } = new();

    /// <summary>Pager line and the key that shows the next page; null = the default <c>---- More ----</c> and a space.</summary>
    public DialectPager? Pager { get; set; }

    /// <summary>Commands sent once when a session opens (e.g. disable paging).</summary>
    public IList<string> OnOpen { get; set; } = new List<string>();

    /// <summary>Commands sent (not waited for) when a healthy session is closed, e.g. <c>quit</c> to free the VTY at once.</summary>
    public IList<string> OnClose { get; set; } = new List<string>();

    /// <summary>Line prefixes (after leading blanks) that mark a refused command, e.g. <c>Error:</c> or <c>% </c>.</summary>
    public IList<string> FailureIndicators { get; set; } = new List<string>();

    /// <summary>Texts in an error line that mean "no such subscriber" (→ LineNotFound instead of Rejected).</summary>
    public IList<string> LineNotFoundIndicators { get; set; } = new List<string>();

    /// <summary>Questions the device may ask after a command, with the answers.</summary>
    public IList<DialectConfirmation> Confirmations { get; set; } = new List<DialectConfirmation>();

    /// <summary>Regexes of secrets in commands or output (group <c>secret</c>, or the whole match), masked in transcripts.</summary>
    public IList<string> SecretPatterns { get; set; } = new List<string>();

    /// <summary>The command template of each operation.</summary>
    public DialectCommands Commands { get; set; } = new();

    /// <summary>How the subscriber output reads.</summary>
    public DialectOutput Output { get; set; } = new();
}

/// <summary>Prompt patterns, each tried against the last unterminated line and anchored <c>^…$</c>.</summary>
public sealed class DialectPrompts
{
    /// <summary>The view operations start from (user / exec view), e.g. <c>^&lt;(?&lt;host&gt;[^&gt;]+)&gt;$</c>.</summary>
    public string Exec { get; set; } = "";

    /// <summary>The view where rates are changed (reached by <see cref="DialectCommands.EnterConfig"/>).</summary>
    public string Config { get; set; } = "";

    /// <summary>Any other prompt the device may show (intermediate views); optional.</summary>
    public IList<string> Other { get; set; } = new List<string>();
}

/// <summary>The pager.</summary>
public sealed class DialectPager
{
    /// <summary>Pattern of the pager line (anchored).</summary>
    public string Pattern { get; set; } = "";

    /// <summary>What is sent for the next page. Default one space.</summary>
    public string Response { get; set; } = " ";
}

/// <summary>A question the device asks, e.g. <c>Continue? [yes/no]:</c>.</summary>
public sealed class DialectConfirmation
{
    /// <summary>Pattern of the question line (anchored); it is also a prompt.</summary>
    public string Pattern { get; set; } = "";

    /// <summary>The answer that goes on with the change, e.g. <c>yes</c>.</summary>
    public string Answer { get; set; } = "yes";

    /// <summary>The answer that declines a question left open (e.g. after a timeout), e.g. <c>no</c>.</summary>
    public string Decline { get; set; } = "no";
}

/// <summary>
/// Command templates. Placeholders: <c>{address}</c> (IPv4, re-printed from its parsed form), <c>{account}</c>
/// (<c>[A-Za-z0-9._@-]{1,64}</c>), <c>{kbps}</c> (64..10,000,000), <c>{direction}</c> (the word of
/// <see cref="DirectionWords"/>). Every value is validated before it is substituted; nothing is sent otherwise.
/// </summary>
public sealed class DialectCommands
{
    /// <summary>Lists the subscribers holding an address: must use <c>{address}</c>.</summary>
    public string FindByAddress { get; set; } = "";

    /// <summary>Shows one subscriber: must use <c>{account}</c>.</summary>
    public string ReadByAccount { get; set; } = "";

    /// <summary>Changes one direction's rate: must use <c>{account}</c>, <c>{direction}</c> and <c>{kbps}</c>.</summary>
    public string SetRate { get; set; } = "";

    /// <summary>The words for up and down in <see cref="SetRate"/>.</summary>
    public DialectDirectionWords DirectionWords { get; set; } = new();

    /// <summary>Commands from the exec view to the configuration view, in order (e.g. <c>system-view</c>, <c>aaa</c>).</summary>
    public IList<string> EnterConfig { get; set; } = new List<string>();

    /// <summary>Commands from any view back to the exec view (e.g. <c>return</c> or <c>end</c>).</summary>
    public IList<string> ReturnToExec { get; set; } = new List<string>();
}

/// <summary>Direction words.</summary>
public sealed class DialectDirectionWords
{
    /// <summary>Upstream word, e.g. <c>inbound</c>.</summary>
    public string Up { get; set; } = "";

    /// <summary>Downstream word, e.g. <c>outbound</c>.</summary>
    public string Down { get; set; } = "";
}

/// <summary>
/// Subscriber output: blocks of <c>Key : Value</c> lines separated by rule lines. Keys compare case-insensitively
/// with blanks collapsed.
/// </summary>
public sealed class DialectOutput
{
    /// <summary>Pattern of a line separating blocks. Default: three or more dashes.</summary>
    public string RecordSeparator { get; set; } = "^-{3,}$";

    /// <summary>Whole lines meaning "no subscriber", e.g. <c>Info: no online user.</c>.</summary>
    public IList<string> EmptyMarkers { get; set; } = new List<string>();

    /// <summary>Key of a trailing total line (<c>Total subscribers: N</c>) checked against the blocks; null = none.</summary>
    public string? TotalKey { get; set; }

    /// <summary>When true, any line that is not a rule, a field, a total or an empty marker is a ProtocolError.</summary>
    public bool Strict { get; set; }

    /// <summary>The key of each subscriber field.</summary>
    public DialectFields Fields { get; set; } = new();
}

/// <summary>Keys of the subscriber fields in the output.</summary>
public sealed class DialectFields
{
    /// <summary>Access account.</summary>
    public string Account { get; set; } = "";

    /// <summary>Band id (number).</summary>
    public string BandId { get; set; } = "";

    /// <summary>Public IPv4 address.</summary>
    public string Address { get; set; } = "";

    /// <summary>Port block <c>first-last</c>.</summary>
    public string Ports { get; set; } = "";

    /// <summary>Current upstream rate, kbit/s.</summary>
    public string UpKbps { get; set; } = "";

    /// <summary>Current downstream rate, kbit/s.</summary>
    public string DownKbps { get; set; } = "";

    /// <summary>Upstream capability, kbit/s.</summary>
    public string MaxUpKbps { get; set; } = "";

    /// <summary>Downstream capability, kbit/s.</summary>
    public string MaxDownKbps { get; set; } = "";

    /// <summary>Whether speed-up is permitted (yes/no, true/false, enable(d)/disable(d)).</summary>
    public string SpeedUpPermitted { get; set; } = "";
}
