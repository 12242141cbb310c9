using SpeedUp.Drivers.Conformance.Tests.Targets;
using SpeedUp.Protocols.Cli;

namespace SpeedUp.Drivers.Conformance.Tests.Replay;

/// <summary>
/// A replay is strict: the committed Huawei fixture replayed with other inputs fails at the first command that differs,
/// naming what was expected and what was sent (the record/replay tests every CLI driver runs are in <see cref="CliFixtureTests{TTarget}"/>).
/// </summary>
public sealed class HuaweiReplayTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADifferentCommand_FailsWithTheExpectedAndTheSentText()
    {
        var fixture = CliFixture.Load(CliReplaySubject.Huawei.CommittedFixturePath);
        var inputs = CliReplayScenario.InputsOf(fixture.Scenario);
        var recordedAccount = inputs["account"];
        inputs["account"] = "zj0571a0002";

        var error = await Assert.ThrowsAsync<DriverException>(() => CliReplayScenario.ReplayAsync(CliReplaySubject.Huawei, fixture, inputs, Ct));

        Assert.Equal(DriverFailure.ProtocolError, error.Failure);
        Assert.Contains($"expected 'display access-user user-name {recordedAccount}\\r'", error.Message, StringComparison.Ordinal);
        Assert.Contains("the client sent 'display access-user user-name zj0571a0002\\r'", error.Message, StringComparison.Ordinal);
    }
}
