namespace SpeedUp.Simulator;

/// <summary>VRP prompts: &lt;HOST&gt; user view, [HOST] system view, [HOST-aaa] AAA view.</summary>
internal static class CliPrompts
{
    public static string For(CliView view, string hostname) => view switch
    {
        CliView.System => "[" + hostname + "]",
        CliView.Aaa => "[" + hostname + "-aaa]",
        _ => "<" + hostname + ">",
    };
}
