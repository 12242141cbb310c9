using Broadband.SpeedUp.Admin.V1;

namespace SpeedUp.Admin.Cli.Output;

/// <summary>Sessions as text.</summary>
internal static class SessionViews
{
    public static void WriteList(ListSessionsResponse response, TextWriter writer)
    {
        var table = new TextTable("SESSION", "CUSTOMER", "BAND ID", "ADDRESS", "DIR", "STATE", "TARGET", "ORIGINAL", "CHANNEL", "DUE");
        foreach (var s in response.Sessions)
        {
            table.Row(s.SessionId, Fields.Text(s.CustomerId), Fields.Number(s.BandId), Address(s), s.Direction, s.State, Rate(s.TargetKbps),
                Rate(s.OriginalKbps), s.Channel, Fields.Time(s.DueAt));
        }

        table.WriteTo(writer);
        if (response.More > 0)
        {
            writer.WriteLine($"({response.More} more: narrow the filter or raise --limit)");
        }
    }

    public static void WriteOne(Session s, TextWriter writer) => Fields.WriteList(writer,
        ("session", s.SessionId), ("customer", Fields.Text(s.CustomerId)), ("band id", Fields.Number(s.BandId)), ("account", s.Account),
        ("address", Address(s)), ("carrier", s.Carrier), ("province", s.Province), ("channel", s.Channel), ("direction", s.Direction),
        ("state", s.State), ("end reason", s.EndReason), ("target", Rate(s.TargetKbps)), ("original", Rate(s.OriginalKbps)),
        ("scene", Fields.Text(s.Scene)), ("started", Fields.Time(s.StartedAt)), ("due", Fields.Time(s.DueAt)), ("ended", Fields.Time(s.EndedAt)),
        ("last error", Fields.Text(s.LastError)));

    private static string Address(Session s) => s.Port == 0 ? s.IpAddress : $"{s.IpAddress}:{s.Port}";

    private static string Rate(long kbps) => kbps % 1000 == 0 ? $"{kbps / 1000} Mbps" : $"{kbps} kbit/s";
}
