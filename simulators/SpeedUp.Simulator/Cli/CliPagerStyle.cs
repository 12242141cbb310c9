namespace SpeedUp.Simulator;

/// <summary>How a vendor's pager looks (profile <c>pager</c>): the line shown after a page and what wipes it once a key arrived.</summary>
internal sealed record CliPagerStyle(string MorePrompt, string Wipe);
