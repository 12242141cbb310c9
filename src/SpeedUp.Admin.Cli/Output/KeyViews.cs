using Broadband.SpeedUp.Admin.V1;

namespace SpeedUp.Admin.Cli.Output;

/// <summary>Access keys as text.</summary>
internal static class KeyViews
{
    public static void WriteList(ListAccessKeysResponse response, TextWriter writer)
    {
        var table = new TextTable("ACCESS KEY ID", "CUSTOMER", "ENABLED", "ACTIONS", "CREATED", "ROTATED", "DESCRIPTION");
        foreach (var k in response.Keys)
        {
            table.Row(k.AccessKeyId, Customer(k), k.Enabled ? "yes" : "no", string.Join(",", k.Actions), Fields.Time(k.CreatedAt), Fields.Time(k.RotatedAt),
                Fields.Text(k.Description));
        }

        table.WriteTo(writer);
    }

    public static void WriteOne(AccessKey k, TextWriter writer) => Fields.WriteList(writer,
        ("access key id", k.AccessKeyId), ("customer", Customer(k)), ("enabled", k.Enabled ? "yes" : "no"), ("actions", string.Join(", ", k.Actions)),
        ("description", Fields.Text(k.Description)), ("created", Fields.Time(k.CreatedAt)), ("rotated", Fields.Time(k.RotatedAt)));

    /// <summary>A key with the secret the service shows once.</summary>
    public static void WriteWithSecret(AccessKeyWithSecret created, TextWriter writer)
    {
        WriteOne(created.Key, writer);
        Fields.WriteList(writer, ("secret", created.AccessKeySecret));
        writer.WriteLine("The secret is shown once: put it in your secret store now (never on a command line).");
    }

    public static void WriteAudit(ListAuditEntriesResponse response, TextWriter writer)
    {
        var table = new TextTable("AT", "ACTOR", "ACTION", "ACCESS KEY ID", "DETAIL");
        foreach (var e in response.Entries)
        {
            table.Row(Fields.Time(e.At), e.Actor, e.Action, e.AccessKeyId, Fields.Text(e.Detail));
        }

        table.WriteTo(writer);
    }

    private static string Customer(AccessKey k) => string.IsNullOrEmpty(k.CustomerId) ? "(operator)" : k.CustomerId;
}
