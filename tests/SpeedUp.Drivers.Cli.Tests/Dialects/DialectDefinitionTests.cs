using System.Net;
using SpeedUp.Drivers;
using SpeedUp.Drivers.Huawei;
using SpeedUp.Drivers.Zte;
using SpeedUp.Drivers.Cli.Dialects;

namespace SpeedUp.Drivers.Cli.Tests.Dialects;

/// <summary>Dialects as data: the shipped definitions, the checks a definition goes through, rendering and parsing.</summary>
public sealed class DialectDefinitionTests
{
    private static readonly string HuaweiJson = ReadShipped(HuaweiVrpDialect.FileName);

    [Fact]
    public void Definition_ShippedDialects_RenderTheCommandsTheEquipmentExpects()
    {
        var huawei = HuaweiVrpDialect.Definition;
        var zte = ZteCliDialect.Definition;

        Assert.Equal("huawei-cli-ssh", huawei.Definition.Driver);
        Assert.Equal("display access-user ip-address 202.101.172.35", huawei.FindByAddress(IPAddress.Parse("202.101.172.35")));
        Assert.Equal("display access-user user-name zj0571a0001", huawei.ReadByAccount("zj0571a0001"));
        Assert.Equal("access-user user-name zj0571a0001 car outbound cir 200000", huawei.SetRate("zj0571a0001", Direction.Down, 200000));
        Assert.Equal("access-user user-name zj0571a0001 car inbound cir 20000", huawei.SetRate("zj0571a0001", Direction.Up, 20000));
        Assert.Equal("subscriber js025u0003 rate-limit downstream 200000", zte.SetRate("js025u0003", Direction.Down, 200000));
        Assert.Equal("show subscriber ipv4-address 58.240.57.100", zte.FindByAddress(IPAddress.Parse("58.240.57.100")));
        Assert.Equal(["screen-length 0 temporary"], huawei.Cli.OnOpenCommands);
        Assert.Equal(["quit"], huawei.Cli.OnCloseCommands);
        Assert.Equal(["exit"], zte.Cli.OnCloseCommands);
    }

    [Theory]
    [InlineData("<CT-BRAS-01>", true, false)]
    [InlineData("HRP_M<CT-BRAS-01>", true, false)]
    [InlineData("[CT-BRAS-01-aaa]", false, true)]
    [InlineData("[~CT-BRAS-01-aaa]", false, true)]
    [InlineData("[CT-BRAS-01]", false, false)]
    public void IsExecAndIsConfig_HuaweiPrompt_TellTheViewsApart(string prompt, bool exec, bool config)
    {
        Assert.Equal(exec, HuaweiVrpDialect.Definition.IsExec(prompt));
        Assert.Equal(config, HuaweiVrpDialect.Definition.IsConfig(prompt));
        Assert.Matches(HuaweiVrpDialect.PromptPattern, prompt);
    }

    [Fact]
    public void ConfirmationOf_ZteQuestion_IsAPromptNotAViewAndIsAnsweredFromTheDefinition()
    {
        const string question = "Rate above 100000 kbps affects the uplink share. Continue? [yes/no]:";

        Assert.Matches(ZteCliDialect.PromptPattern, question);
        Assert.False(ZteCliDialect.Definition.IsExec(question));
        Assert.Equal("yes", ZteCliDialect.Definition.ConfirmationOf(question)!.Answer);
        Assert.Equal("no", ZteCliDialect.Definition.ConfirmationOf(question)!.Decline);
    }

    [Theory]
    [InlineData("zj0571a0001; reboot")]
    [InlineData("zj0571a0001\nsystem-view")]
    [InlineData("zj|x")]
    [InlineData("账号")]
    public void SetRate_UnsafeValue_IsRefusedBeforeItReachesTheTemplate(string account)
    {
        var e = Assert.Throws<DriverException>(() => HuaweiVrpDialect.Definition.SetRate(account, Direction.Down, 200000));

        Assert.Equal(DriverFailure.InvalidValue, e.Failure);
    }

    [Fact]
    public void Compile_BrokenDefinition_ReportsEveryProblemWithItsPath()
    {
        var json = HuaweiJson
            .Replace("\"exec\": \"^(?:", "\"exec\": \"(?:", StringComparison.Ordinal)                 // not anchored
            .Replace("{address}", "{adress}", StringComparison.Ordinal)                               // typo
            .Replace("car {direction} cir {kbps}", "car {direction} cir", StringComparison.Ordinal)   // missing value
            .Replace("\"failureIndicators\": [ \"Error:\" ]", "\"failureIndicators\": []", StringComparison.Ordinal)
            .Replace("\"pattern\": \"^\\\\s*-{2,}", "\"pattern\": \"^\\\\s*-{2,}(", StringComparison.Ordinal); // bad regex

        var e = Assert.Throws<DialectException>(() => CompiledDialect.Compile(DialectLoader.Parse(json, "broken.dialect.json"), "broken.dialect.json"));

        Assert.Contains("broken.dialect.json", e.Message, StringComparison.Ordinal);
        foreach (var expected in new[]
        {
            "prompts.exec must be anchored", "commands.findByAddress uses an unknown placeholder {adress}",
            "commands.findByAddress must use {address}", "commands.setRate must use {kbps}", "failureIndicators must list",
            "pager.pattern is not a valid regular expression",
        })
        {
            Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_MisspeltKey_IsRefusedNotIgnored()
    {
        var json = HuaweiJson.Replace("\"lineNotFoundIndicators\"", "\"lineNotFoundIndicator\"", StringComparison.Ordinal);

        var e = Assert.Throws<DialectException>(() => DialectLoader.Parse(json, "typo.dialect.json"));

        Assert.Contains("lineNotFoundIndicator", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithPrompts_DeviceOverride_IsUsedAndABadOneNamesTheChannel()
    {
        var firewall = HuaweiVrpDialect.Definition.WithPrompts(
            new ChannelPromptOverrides { Exec = @"^FW\|(?<host>[A-Z0-9-]+)>$", Config = @"^FW\|(?<host>[A-Z0-9-]+)-aaa\]$" }, "ct-fw");

        Assert.True(firewall.IsExec("FW|CT-BRAS-09>"));
        Assert.True(firewall.IsConfig("FW|CT-BRAS-09-aaa]"));
        Assert.False(HuaweiVrpDialect.Definition.IsExec("FW|CT-BRAS-09>"));
        Assert.Same(HuaweiVrpDialect.Definition, HuaweiVrpDialect.Definition.WithPrompts(new ChannelPromptOverrides(), "ct"));
        var e = Assert.Throws<DialectException>(() => HuaweiVrpDialect.Definition.WithPrompts(new ChannelPromptOverrides { Exec = "<X>" }, "ct-odd"));
        Assert.Contains("ct-odd", e.Message, StringComparison.Ordinal);
        Assert.Contains("prompts.exec must be anchored", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeviceOutput_ReadsBlocksAndRefusesWhatItCannotRead()
    {
        var huawei = new DialectOutputParser(HuaweiVrpDialect.Definition);
        var zte = new DialectOutputParser(ZteCliDialect.Definition);
        const string block = """
              ------------------------------------------------------------------------------
              User access index             : 1
              User name                     : zj0571a0001
              Band id                       : 330100001
              User IP address               : 202.101.172.35
              NAT port block                : 0-65535
              Line capability up (kbps)     : 20000
              Line capability down (kbps)   : 200000
              Speed-up permitted            : yes
              Inbound CAR CIR (kbps)        : 4000
              Outbound CAR CIR (kbps)       : 50000
              ------------------------------------------------------------------------------
            """;

        var line = Assert.Single(huawei.Parse(block));
        Assert.Equal(new LineRates(4000, 50000), line.Current);
        Assert.Equal(new LineCapability(20000, 200000, true), line.Capability);
        Assert.Empty(huawei.Parse("Info: no online user."));
        Assert.Equal(DriverFailure.ProtocolError,
            Assert.Throws<DriverException>(() => huawei.Parse(block.Replace(": 50000", ": 5O000", StringComparison.Ordinal))).Failure);
        Assert.Empty(zte.Parse("Total subscribers: 0"));
        Assert.Equal(DriverFailure.ProtocolError, Assert.Throws<DriverException>(() => zte.Parse("Total subscribers: 1")).Failure);
        Assert.Equal(DriverFailure.ProtocolError, Assert.Throws<DriverException>(() => zte.Parse("garbage\nTotal subscribers: 0")).Failure);
    }

    private static string ReadShipped(string file)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Adapters.sln")))
        {
            directory = directory.Parent;
        }

        return File.ReadAllText(Path.Combine(directory!.FullName, "drivers", "dialects", file));
    }
}
