using Broadband.SpeedUp.Admin.V1;

namespace SpeedUp.Admin.Cli.Output;

/// <summary>Customers and bills as text.</summary>
internal static class CustomerViews
{
    public static void WriteOne(Customer c, TextWriter writer) => Fields.WriteList(writer,
        ("customer", c.Id), ("name", c.Name), ("subscribed", c.Subscribed ? "yes" : "no"), ("balance", c.Balance + " CNY"), ("frozen", c.Frozen + " CNY"),
        ("created", Fields.Time(c.CreatedAt)));

    public static void WriteBill(Bill bill, TextWriter writer)
    {
        Fields.WriteList(writer, ("customer", bill.CustomerId), ("month", bill.Month), ("settled", bill.Settled ? $"yes, {Fields.Time(bill.SettledAt)}" : "no (preview)"),
            ("total", bill.Total + " CNY"), ("frozen", bill.Frozen + " CNY"), ("released", bill.Released + " CNY"));
        writer.WriteLine();
        var table = new TextTable("DIRECTION", "MBPS", "PRODUCT", "VOLUME", "UNIT PRICE", "TOTAL", "FROZEN");
        foreach (var l in bill.Lines)
        {
            table.Row(l.Direction, Fields.Number(l.BandwidthMbps), l.Product, Fields.Number(l.Volume), l.UnitPrice, l.Total, l.Frozen);
        }

        table.WriteTo(writer);
    }

    public static void WriteBills(RunSettlementResponse response, TextWriter writer)
    {
        var table = new TextTable("CUSTOMER", "MONTH", "TOTAL", "FROZEN", "RELEASED", "SETTLED");
        foreach (var b in response.Bills)
        {
            table.Row(b.CustomerId, b.Month, b.Total, b.Frozen, b.Released, Fields.Time(b.SettledAt));
        }

        table.WriteTo(writer);
    }
}
