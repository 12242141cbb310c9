namespace SpeedUp.Simulator;

/// <summary>How the garble fault disturbs output lines (<see cref="SimulatorFaults.Garble"/>).</summary>
public enum GarbleMode
{
    /// <summary>Output as the grammar prints it.</summary>
    None,

    /// <summary>
    /// Terminal noise only: colour (SGR) sequences around each line and a cursor-left/erase-free redraw of the
    /// value; what a screen shows is unchanged, so a terminal-aware client reads the same text.
    /// </summary>
    Ansi,

    /// <summary>Line noise: visible junk characters (<c>~*~</c>) after each line's first ':' (or at its start).</summary>
    Junk,
}
