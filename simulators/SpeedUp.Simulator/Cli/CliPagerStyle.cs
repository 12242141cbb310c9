namespace SpeedUp.Simulator;

/// <summary>How a vendor's pager looks: the line shown after a page and what wipes it once a key arrived.</summary>
internal sealed record CliPagerStyle(string MorePrompt, string Wipe)
{
    /// <summary>VRP: <c>  ---- More ----</c>, wiped with ESC[42D + 42 blanks + ESC[42D.</summary>
    public static CliPagerStyle Huawei { get; } = new(CliPager.MorePrompt, CliPager.Wipe);

    /// <summary>ZXR10: <c> --More-- </c>, wiped with 10 backspaces, 10 blanks, 10 backspaces and ESC[K.</summary>
    public static CliPagerStyle Zte { get; } = new(
        " --More-- ",
        new string('\b', 10) + new string(' ', 10) + new string('\b', 10) + "\u001b[K");
}
