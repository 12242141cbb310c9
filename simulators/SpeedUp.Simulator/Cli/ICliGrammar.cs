namespace SpeedUp.Simulator;

/// <summary>One vendor's CLI face (Huawei VRP or ZTE ZXR10) over the shared state: banner, prompts, commands, pager.</summary>
internal interface ICliGrammar
{
    /// <summary>What a session sees on connect, before the first prompt.</summary>
    string Banner(int sessionNumber, int maxSessions);

    /// <summary>What a session beyond the VTY limit sees before it is closed.</summary>
    string TooManySessions(int maxSessions);

    /// <summary>The prompt of the session's current view.</summary>
    string Prompt(CliSessionContext context);

    /// <summary>Runs one command line.</summary>
    CliCommandResult Execute(CliSessionContext context, string line);

    /// <summary>The pager line and the sequence that wipes it after a key.</summary>
    CliPagerStyle Pager { get; }
}
