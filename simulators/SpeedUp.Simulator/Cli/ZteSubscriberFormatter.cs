namespace SpeedUp.Simulator;

/// <summary>Renders <c>show subscriber …</c> on the ZTE face: one block of <c>Key : Value</c> lines per subscriber, then the total.</summary>
internal static class ZteSubscriberFormatter
{
    public static readonly string Rule = new('-', 60);

    public static IReadOnlyList<string> Format(IReadOnlyList<SubscriberLineState> lines)
    {
        var output = new List<string>();
        foreach (var line in lines)
        {
            output.Add(Rule);
            output.Add(Field("User-name", line.Account));
            output.Add(Field("Band-id", line.BandId.ToString()));
            output.Add(Field("IPv4-address", line.IpAddress.ToString()));
            output.Add(Field("NAT-port-range", $"{line.PortFirst}-{line.PortLast}"));
            output.Add(Field("Upstream-rate(kbps)", line.UpKbps.ToString()));
            output.Add(Field("Downstream-rate(kbps)", line.DownKbps.ToString()));
            output.Add(Field("Max-upstream(kbps)", line.MaxUpKbps.ToString()));
            output.Add(Field("Max-downstream(kbps)", line.MaxDownKbps.ToString()));
            output.Add(Field("Speedup-permitted", line.SpeedUpPermitted ? "yes" : "no"));
        }

        if (lines.Count > 0)
        {
            output.Add(Rule);
        }

        output.Add("Total subscribers: " + lines.Count);
        return output;
    }

    private static string Field(string key, string value) => key.PadRight(23) + ": " + value;
}
