using SpeedUp.Core.Webhooks;
using Xunit;

namespace SpeedUp.Core.Tests.Webhooks;

public sealed class WebhookBackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(10);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(10, 512)]
    [InlineData(11, 600)]
    [InlineData(50, 600)]
    [InlineData(int.MaxValue, 600)]
    public void Ceiling_DoublesPerFailure_UpToTheMaximum(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), WebhookBackoff.Ceiling(failures, Initial, Max));

    [Fact]
    public void Delay_IsFullJitter_WithinZeroAndTheCeiling()
    {
        Assert.Equal(TimeSpan.Zero, WebhookBackoff.Delay(3, Initial, Max, 0));
        Assert.Equal(TimeSpan.FromSeconds(2), WebhookBackoff.Delay(3, Initial, Max, 0.5));
        var random = new Random(42);
        var delays = Enumerable.Range(0, 1000).Select(_ => WebhookBackoff.Delay(4, Initial, Max, random.NextDouble())).ToList();
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(8)));
        Assert.True(delays.Distinct().Count() > 900, "the delays are spread, not one value");
        Assert.InRange(delays.Average(d => d.TotalSeconds), 3.5, 4.5);
    }
}
