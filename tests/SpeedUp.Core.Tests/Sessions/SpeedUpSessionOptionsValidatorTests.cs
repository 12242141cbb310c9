using SpeedUp.Core.Sessions;

namespace SpeedUp.Core.Tests;

public sealed class SpeedUpSessionOptionsValidatorTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(257)]
    public void RestoreConcurrency_OutOfRange_FailsNamingTheKey(int concurrency)
    {
        var result = new SpeedUpSessionOptionsValidator().Validate(null, new SpeedUpSessionOptions { RestoreConcurrency = concurrency });

        Assert.True(result.Failed);
        Assert.Contains("SpeedUp:Sessions:RestoreConcurrency must be between 1 and 256", result.FailureMessage);
    }

    [Fact]
    public void Defaults_AreValid() => Assert.True(new SpeedUpSessionOptionsValidator().Validate(null, new SpeedUpSessionOptions()).Succeeded);
}
