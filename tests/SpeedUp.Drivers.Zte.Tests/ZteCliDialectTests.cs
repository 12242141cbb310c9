using SpeedUp.Drivers.Zte;

namespace SpeedUp.Drivers.Zte.Tests;

public sealed class ZteCliDialectTests
{
    [Theory]
    [InlineData("CU-BRAS-01#")]
    [InlineData("CU-BRAS-01# ")]
    [InlineData("bras.bj/01_a#")]
    [InlineData("M6000-S:slot1#")]
    [InlineData("CU-BRAS-01(config)#")]
    [InlineData("CU-BRAS-01(config-subscriber)#")]
    [InlineData("Rate above 100000 kbps affects the uplink share. Continue? [yes/no]:")]
    [InlineData("Clear subscriber bj010u0001? [yes/no]")]
    public void Prompt_Matches(string prompt) => Assert.Matches(ZteCliDialect.PromptPattern, prompt);

    [Theory]
    [InlineData("Total subscribers: 1")]
    [InlineData("User-name              : bj010u0001#")]
    [InlineData(" --More-- ")]
    [InlineData("% Invalid input detected at '^' marker.")]
    [InlineData("CU BRAS#")]
    [InlineData("")]
    public void Prompt_DoesNotMatchOutput(string line) => Assert.DoesNotMatch(ZteCliDialect.PromptPattern, line);

    [Theory]
    [InlineData(" --More-- ", true)]
    [InlineData("--More--", true)]
    [InlineData("  ---- More ----", true)]
    [InlineData("More", false)]
    public void Pager_Matches(string line, bool expected) => Assert.Equal(expected, ZteCliDialect.PagerPattern.IsMatch(line));

    [Theory]
    [InlineData("CU-BRAS-01#", true, false)]
    [InlineData("CU-BRAS-01(config)#", false, false)]
    [InlineData("Continue? [yes/no]:", false, true)]
    public void Views_AreTold(string prompt, bool exec, bool confirmation)
    {
        Assert.Equal(exec, ZteCliDialect.IsExecView(prompt));
        Assert.Equal(confirmation, ZteCliDialect.IsConfirmation(prompt));
    }

    [Fact]
    public void Dialect_DisablesPaging_AndMarksPercentLinesAsFailures()
    {
        Assert.Equal(["terminal length 0"], ZteCliDialect.Instance.OnOpenCommands);
        Assert.Equal(["% "], ZteCliDialect.Instance.FailureIndicators);
        Assert.Equal("yes", ZteCliDialect.ConfirmationAnswer);
    }

    [Fact]
    public void Factory_CreatesTheCliDriver_UnderItsName()
    {
        var factory = new ZteCliDriverFactory();
        var channel = new DeviceOptions
        {
            Name = "cu-cli",
            Host = "127.0.0.1",
            Port = 2202,
            Username = "cu-cli",
            Secret = "x",
            HostKeySha256 = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU",
        };

        var driver = factory.Create(channel);

        Assert.Equal("zte-cli-ssh", factory.DriverName);
        Assert.IsType<ZteCliDriver>(driver);
        Assert.Equal("cu-cli", driver.ChannelName);
    }
}
