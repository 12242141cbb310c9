namespace SpeedUp.Simulator;

/// <summary>Renders the <c>display access-user</c> block of one subscriber (Key : Value lines between dashes).</summary>
internal static class SubscriberBlockFormatter
{
    private static readonly string Rule = "  " + new string('-', 78);

    public static IEnumerable<string> Format(SubscriberLineState line)
    {
        yield return Rule;
        yield return Field("User access index", line.AccessIndex.ToString());
        yield return Field("User name", line.Account);
        yield return Field("Band id", line.BandId.ToString());
        yield return Field("User IP address", line.IpAddress.ToString());
        yield return Field("NAT port block", $"{line.PortFirst}-{line.PortLast}");
        yield return Field("Line capability up (kbps)", line.MaxUpKbps.ToString());
        yield return Field("Line capability down (kbps)", line.MaxDownKbps.ToString());
        yield return Field("Speed-up permitted", line.SpeedUpPermitted ? "yes" : "no");
        yield return Field("Inbound CAR CIR (kbps)", line.UpKbps.ToString());
        yield return Field("Outbound CAR CIR (kbps)", line.DownKbps.ToString());
        yield return Rule;
    }

    private static string Field(string key, string value) => "  " + key.PadRight(30) + ": " + value;
}
