namespace SpeedUp.Drivers.Conformance.Runner.Tests;

public sealed class LikelyCauseTests
{
    [Theory]
    [InlineData(ConformanceRule.FindLine, "ProtocolError: prompt not matched: (login) …", "prompts.exec")]
    [InlineData(ConformanceRule.ReadMatchesEquipment, "ProtocolError: The subscriber block has no 'Inbound CIR(kbps)' field", "output.fields")]
    [InlineData(ConformanceRule.SetReadBack, "setting Up changed Down from 50000 to 12000 kbit/s.", "directionWords")]
    [InlineData(ConformanceRule.PagedOutput, "with the pager on, find gave band 1", "pager.pattern")]
    [InlineData(ConformanceRule.VanishedLineNotFound, "the driver reported Rejected", "lineNotFoundIndicators")]
    [InlineData(ConformanceRule.OutOfCapabilityRejected, "succeeded; it must fail", "failureIndicators")]
    public void Of_NamesTheDialectKeyToLookAt(ConformanceRule rule, string detail, string key) =>
        Assert.Contains(key, LikelyCause.Of(rule, detail), StringComparison.Ordinal);
}
