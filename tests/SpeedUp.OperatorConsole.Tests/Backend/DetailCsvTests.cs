using SpeedUp.OperatorConsole.Backend;

namespace SpeedUp.OperatorConsole.Tests.Backend;

public sealed class DetailCsvTests
{
    private const string Header = "date,broadband_account,direction,target_bandwidth_mbps,start_time,result,duration_minutes,failure_reason";

    [Fact]
    public void Parse_TheExportsRows_QuotedFieldsAndNeutralisedValuesKeptAsWritten()
    {
        var csv = "\uFEFF" + Header + "\r\n"
            + "2026-12-04,zj0571a0001,DOWN,200,2026-12-04 10:00:00 +08:00,SUCCESS,30,\r\n"
            + "2026-12-04,\"a,\"\"b\"\"\",DOWN,200,2026-12-04 11:00:00 +08:00,FAILED,0,\"isp.SYSTEM_ERROR: no channel, try later\"\r\n"
            + "2026-12-04,'=HYPERLINK(1),UP,50,2026-12-04 12:00:00 +08:00,FAILED,0,isv.BUSINESS_LIMIT_CONTROL: busy\r\n";

        var rows = DetailCsv.Parse(csv);

        Assert.Equal(3, rows.Count);
        Assert.Equal("SUCCESS", rows[0]["result"]);
        Assert.Equal("a,\"b\"", rows[1]["broadband_account"]);
        Assert.Equal("isp.SYSTEM_ERROR: no channel, try later", rows[1]["failure_reason"]);
        Assert.Equal("'=HYPERLINK(1)", rows[2]["broadband_account"]);
        Assert.Equal("2026-12-04 12:00:00 +08:00", rows[2]["start_time"]);
    }

    [Fact]
    public void Parse_RowsOfAnotherWidthAreSkipped_EmptyExportHasNoRows()
    {
        var rows = DetailCsv.Parse(Header + "\r\nonly,three,fields\r\n2026-12-04,x,UP,50,t,FAILED,0,code");

        Assert.Equal("x", Assert.Single(rows)["broadband_account"]);
        Assert.Empty(DetailCsv.Parse("\uFEFF" + Header + "\r\n"));
        Assert.Empty(DetailCsv.Parse(""));
    }
}
