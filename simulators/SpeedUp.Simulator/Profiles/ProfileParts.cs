namespace SpeedUp.Simulator;

/// <summary>A view and its prompt; <c>{host}</c> is the hostname.</summary>
public sealed class ProfileView
{
    /// <summary>The view's name, used by <see cref="ProfileCommand.Views"/> and <see cref="ProfileCommand.To"/>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The prompt, e.g. <c>&lt;{host}&gt;</c>.</summary>
    public string Prompt { get; set; } = "";
}

/// <summary>
/// One command: a template of keywords and placeholders (<c>{account}</c>, <c>{address}</c>, <c>{kbps}</c>,
/// <c>{pageLength}</c>, <c>{direction}</c>), the views it is valid in, what it does and what it prints.
/// </summary>
public sealed class ProfileCommand
{
    /// <summary>View names, or <c>any</c>.</summary>
    public IList<string> Views { get; set; } = new List<string>();

    /// <summary>The template, e.g. <c>display access-user user-name {account}</c>.</summary>
    public string Command { get; set; } = "";

    /// <summary>
    /// <c>view</c> (go to <see cref="To"/>), <c>close</c> (end the session), <c>paging</c> (page length from
    /// <c>{pageLength}</c>, 0 without it), <c>findByAddress</c>, <c>readByAccount</c>, <c>setRate</c>, or
    /// <c>control</c> (the rest of the line is a simulator control command).
    /// </summary>
    public string Do { get; set; } = "";

    /// <summary>The view <c>view</c> goes to.</summary>
    public string? To { get; set; }

    /// <summary>Lines printed when a <c>view</c>, <c>close</c> or <c>paging</c> command succeeds.</summary>
    public IList<string> Print { get; set; } = new List<string>();
}

/// <summary>Keywords of <c>{direction}</c>.</summary>
public sealed class ProfileDirections
{
    /// <summary>Upstream.</summary>
    public string Up { get; set; } = "";

    /// <summary>Downstream.</summary>
    public string Down { get; set; } = "";
}

/// <summary>
/// Subscriber output: per subscriber <see cref="BlockStart"/>, one <c>indent + label (padded) + ": " + value</c> line
/// per field, <see cref="BlockEnd"/>; then <see cref="AfterBlocks"/> when any matched, or <see cref="Empty"/> when none
/// did; then <see cref="Summary"/> always (<c>{count}</c> is how many matched).
/// </summary>
public sealed class ProfileOutput
{
    /// <summary>Printed before each field line.</summary>
    public string Indent { get; set; } = "";

    /// <summary>Width the labels are padded to.</summary>
    public int LabelWidth { get; set; } = 24;

    /// <summary>Lines before each subscriber's fields.</summary>
    public IList<string> BlockStart { get; set; } = new List<string>();

    /// <summary>Lines after each subscriber's fields.</summary>
    public IList<string> BlockEnd { get; set; } = new List<string>();

    /// <summary>Lines after the last block.</summary>
    public IList<string> AfterBlocks { get; set; } = new List<string>();

    /// <summary>Lines printed when no subscriber matches.</summary>
    public IList<string> Empty { get; set; } = new List<string>();

    /// <summary>Lines printed last, whether or not anything matched.</summary>
    public IList<string> Summary { get; set; } = new List<string>();

    /// <summary>
    /// The fields in printed order; keys <c>accessIndex, account, bandId, address, ports, upKbps, downKbps,
    /// maxUpKbps, maxDownKbps, speedUpPermitted</c>.
    /// </summary>
    public IList<ProfileField> Fields { get; set; } = new List<ProfileField>();

    /// <summary>Word of a permitted <c>speedUpPermitted</c>.</summary>
    public string Yes { get; set; } = "yes";

    /// <summary>Word of a refused <c>speedUpPermitted</c>.</summary>
    public string No { get; set; } = "no";
}

/// <summary>One printed field.</summary>
public sealed class ProfileField
{
    /// <summary>Which value.</summary>
    public string Key { get; set; } = "";

    /// <summary>The label printed.</summary>
    public string Label { get; set; } = "";
}

/// <summary>How each kind of syntax error is printed.</summary>
public sealed class ProfileErrors
{
    /// <summary>A word that is no command here, or words after a complete command.</summary>
    public ProfileError Unrecognized { get; set; } = new();

    /// <summary>An abbreviation that fits several keywords.</summary>
    public ProfileError Ambiguous { get; set; } = new();

    /// <summary>A command that stops too early.</summary>
    public ProfileError Incomplete { get; set; } = new();

    /// <summary>A value that does not parse.</summary>
    public ProfileError WrongParameter { get; set; } = new();
}

/// <summary>An error line, after a caret line when <see cref="Caret"/>; <c>{line}</c> is the trimmed command line.</summary>
public sealed class ProfileError
{
    /// <summary>The message.</summary>
    public string Message { get; set; } = "";

    /// <summary>Whether a line with <c>^</c> under the offending column (prompt included) comes first.</summary>
    public bool Caret { get; set; }
}

/// <summary>The pager line and what wipes it after a key.</summary>
public sealed class ProfilePager
{
    /// <summary>Shown after a page, e.g. <c>"  ---- More ----"</c>.</summary>
    public string More { get; set; } = "";

    /// <summary>Written once a key arrived.</summary>
    public string Wipe { get; set; } = "";
}

/// <summary>A <c>[yes/no]</c> question before a large rate change.</summary>
public sealed class ProfileConfirmation
{
    /// <summary>Rates above this ask first.</summary>
    public long AboveKbps { get; set; }

    /// <summary>Shown instead of the prompt.</summary>
    public string Question { get; set; } = "";

    /// <summary>Answers that mean yes (case-insensitive); anything else aborts.</summary>
    public IList<string> Yes { get; set; } = new List<string>();

    /// <summary>Printed when the answer is not yes.</summary>
    public string Aborted { get; set; } = "";
}

/// <summary>The device's messages.</summary>
public sealed class ProfileMessages
{
    /// <summary>A rate change for an account that does not exist.</summary>
    public string UnknownUser { get; set; } = "";

    /// <summary>A rate outside 64..capability.</summary>
    public string OutOfCapability { get; set; } = "";
}
