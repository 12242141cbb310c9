using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using SpeedUp.Core.Billing;
using SpeedUp.Core.Orders;
using SpeedUp.Core.Sessions;
using SpeedUp.Drivers;

namespace SpeedUp.Core.Statistics;

/// <summary>
/// The detail export as CSV: UTF-8 with a byte-order mark, a header row, CRLF line ends, RFC 4180 quoting (a field
/// with a quote, comma, CR or LF is quoted, quotes doubled), and a field that a spreadsheet would run as a formula
/// (starting with = + - @, tab or CR) gets a leading apostrophe. A failed row's reason is a product code and a fixed
/// phrase (<see cref="CustomerFailureReason"/>), never a recorded error: those may carry device details. Written in chunks of about <see cref="ChunkSize"/> bytes.
/// </summary>
public static class CsvDetailWriter
{
    /// <summary>Target chunk size in bytes.</summary>
    public const int ChunkSize = 32 * 1024;

    /// <summary>The header row.</summary>
    public const string Header = "date,broadband_account,direction,target_bandwidth_mbps,start_time,result,duration_minutes,failure_reason";

    /// <summary>Turns details into CSV chunks; the first chunk starts with the BOM and the header.</summary>
    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> WriteAsync(
        IAsyncEnumerable<SessionDetail> details, DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        text.Append('\uFEFF').Append(Header).Append("\r\n");
        await foreach (var detail in details.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            AppendRow(text, detail, now);
            if (text.Length >= ChunkSize / 2)
            {
                yield return Encoding.UTF8.GetBytes(text.ToString());
                text.Clear();
            }
        }

        yield return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>One CSV row (with its line end).</summary>
    public static void AppendRow(StringBuilder text, SessionDetail d, DateTimeOffset now)
    {
        var failed = d.EndReason == EndReason.ApplyFailed;
        var result = failed ? "FAILED" : d.State == SessionState.Applying ? "IN_PROGRESS" : "SUCCESS";
        var minutes = Metering.Minutes(d.StartedAt, d.DueAt, d.EndedAt, d.EndReason, now);
        Field(text, ChinaTime.DateOf(d.StartedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',');
        Field(text, d.Account).Append(',');
        Field(text, d.Direction == Direction.Up ? "UP" : "DOWN").Append(',');
        Field(text, (d.TargetKbps / 1000).ToString(CultureInfo.InvariantCulture)).Append(',');
        Field(text, ChinaTime.Format(d.StartedAt) + " +08:00").Append(',');
        Field(text, result).Append(',');
        Field(text, minutes.ToString(CultureInfo.InvariantCulture)).Append(',');
        Field(text, failed ? CustomerFailureReason.For(d.LastError) : "").Append("\r\n");
    }

    /// <summary>Appends one field, neutralised and quoted as needed.</summary>
    public static StringBuilder Field(StringBuilder text, string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        if (value.AsSpan().IndexOfAny("\",\r\n") < 0)
        {
            return text.Append(value);
        }

        return text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
