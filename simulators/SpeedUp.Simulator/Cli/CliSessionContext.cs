namespace SpeedUp.Simulator;

/// <summary>Per-session CLI state: the current view, the page length (0 = paging off), a pending confirmation.</summary>
internal sealed class CliSessionContext(string startView)
{
    public const int DefaultPageLength = 24;

    /// <summary>The name of the current view (a view of the face's profile).</summary>
    public string View { get; set; } = startView;

    public int PageLength { get; set; } = DefaultPageLength;

    /// <summary>What runs when the pending <c>[yes/no]</c> question is answered yes; null when none is pending.</summary>
    public Func<CliCommandResult>? PendingConfirmation { get; set; }
}
