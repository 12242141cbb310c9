namespace SpeedUp.Simulator;

/// <summary>Per-session CLI state: the current view and the page length (0 = paging off).</summary>
internal sealed class CliSessionContext
{
    public const int DefaultPageLength = 24;

    public CliView View { get; set; } = CliView.User;

    public int PageLength { get; set; } = DefaultPageLength;
}
