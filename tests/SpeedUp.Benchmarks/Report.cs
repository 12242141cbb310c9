using System.Globalization;

namespace SpeedUp.Benchmarks;

/// <summary>Plain-text report on standard output.</summary>
internal static class Report
{
    public static void Heading(string title)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine(new string('=', title.Length));
    }

    public static void Line(string text) => Console.WriteLine(text);

    public static void KeyValue(string key, string value) => Console.WriteLine($"  {key,-38} {value}");

    public static void Table(IEnumerable<LatencyStats> rows)
    {
        Console.WriteLine($"  {"latency (ms)",-28} {"n",6} {"mean",9} {"p50",9} {"p95",9} {"p99",9} {"max",9}");
        foreach (var row in rows)
        {
            Console.WriteLine($"  {row.Name,-28} {row.Count,6} {Ms(row.Mean),9} {Ms(row.P50),9} {Ms(row.P95),9} {Ms(row.P99),9} {Ms(row.Max),9}");
        }
    }

    public static string Ms(double milliseconds) =>
        double.IsNaN(milliseconds) ? "-" : milliseconds.ToString(milliseconds < 10 ? "0.000" : "0.0", CultureInfo.InvariantCulture);

    public static string Rate(int count, TimeSpan elapsed) =>
        elapsed <= TimeSpan.Zero ? "-" : (count / elapsed.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture) + "/s";
}
