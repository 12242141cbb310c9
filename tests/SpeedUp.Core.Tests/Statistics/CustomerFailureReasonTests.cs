using SpeedUp.Core.Statistics;

namespace SpeedUp.Core.Tests.Statistics;

public sealed class CustomerFailureReasonTests
{
    [Theory]
    [InlineData("No supply channel could speed band 1 [Supply channel 'ct-a' failed (HostKeyMismatch): host key of 10.0.0.9:22 SHA256:abc user 'ops']")]
    [InlineData("isp.SYSTEM_ERROR: Supply channel 'ct-a' failed (Rejected): the device refused 'qos x': Error: bad at '^' <BRAS-7>")]
    [InlineData("isv.UNKNOWN_CODE: 10.0.0.9:22")]
    [InlineData(null)]
    [InlineData("")]
    public void For_RecordedErrorWithDeviceDetails_IsTheSystemErrorCodeAndAFixedPhrase(string? recorded) =>
        Assert.Equal("isp.SYSTEM_ERROR: the target rate could not be applied", CustomerFailureReason.For(recorded));

    [Fact]
    public void For_RefusedStartOfAllChannelsFull_KeepsItsCodeNotItsMessage() =>
        Assert.Equal(
            "isv.BUSINESS_LIMIT_CONTROL: every able supply channel was at capacity",
            CustomerFailureReason.For("isv.BUSINESS_LIMIT_CONTROL: Every supply channel able to start is at capacity ('ct-a' is at capacity); try again later."));
}
