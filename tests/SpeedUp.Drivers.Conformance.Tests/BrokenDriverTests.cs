using System.Text.RegularExpressions;
using SpeedUp.Drivers.Cli.Dialects;
using SpeedUp.Drivers.Conformance.Tests.Targets;

namespace SpeedUp.Drivers.Conformance.Tests;

/// <summary>
/// The kit must fail drivers that break the contract. Each test wraps the real <c>huawei-cli-ssh</c> driver (China
/// Telecom simulator behind real sshd) in a deliberately broken one, runs the checks programmatically and asserts
/// that the right check throws <see cref="ConformanceException"/> naming the right rule. A control run with a
/// faithful wrapper passes, so the failures come from the breakage, not from the wrapping.
/// </summary>
public sealed partial class BrokenDriverTests(HuaweiSshTarget target) : IClassFixture<HuaweiSshTarget>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Control_FaithfulWrapper_PassesTheChecksTheBrokenOnesFail()
    {
        var checks = new DriverConformanceChecks(new WrappedTarget(target, (driver, _) => new ForwardingDriver(driver)));

        await checks.CheckSetThenRestoreAsync(Ct);
        await checks.CheckNoInjectionAsync(Ct);
        await checks.CheckUnknownLineAsync(Ct);
        await checks.CheckTimeoutAsync(Ct);
        await checks.CheckProbeAsync(Ct);
    }

    [Fact]
    public async Task RunAll_ReportsEveryCheck_AndOnlyTheBrokenRulesFail()
    {
        var checks = new DriverConformanceChecks(new WrappedTarget(target, (driver, _) => new SilentSetDriver(driver)));

        var results = await checks.RunAllAsync(Ct);

        Assert.Equal(13, results.Count);
        Assert.DoesNotContain(results, result => result.Outcome == ConformanceOutcome.NotRun);
        var failed = results.Where(result => result.Outcome == ConformanceOutcome.Failed).ToList();
        // A SetRate that never reaches the device also accepts what it should refuse: undefined directions (CK01),
        // rates above the capability (CK07) and outside the grammar (CK11). The read-only rules still pass.
        Assert.Equal(
            [ConformanceRule.DeclaredCapabilities, ConformanceRule.SetReadBack, ConformanceRule.OutOfCapabilityRejected, ConformanceRule.NoInjection, ConformanceRule.VanishedLineNotFound],
            failed.Select(result => result.Rule));
        Assert.Contains("the rate was not written", failed[1].Detail, StringComparison.Ordinal);
        Assert.All(results.Where(result => result.Outcome == ConformanceOutcome.Passed), result => Assert.DoesNotContain("[CK", result.Detail, StringComparison.Ordinal));
        Assert.Equal(new LineRates(4000, 50000), (await target.ReadEquipmentAsync(target.KnownLine.Reference, Ct)).Rates);
    }

    [Fact]
    public async Task DriverThatWritesTheWrongDirectionAndFails_FailsSetReadBack_AndTheKitRestoresTheLine()
    {
        // The driver writes the other direction, then reports the failure: the line is left changed. The kit, not the
        // broken driver, puts it back and says so.
        var checks = new DriverConformanceChecks(new WrappedTarget(target, (driver, _) => new WrongDirectionDriver(driver)));

        var failure = await Assert.ThrowsAsync<ConformanceException>(() => checks.CheckSetThenRestoreAsync(Ct));

        Assert.Equal(ConformanceRule.SetReadBack, failure.Rule);
        Assert.Contains("the kit put zj0571a0001", failure.Message, StringComparison.Ordinal);
        Assert.Equal(new LineRates(4000, 50000), (await target.ReadEquipmentAsync(target.KnownLine.Reference, Ct)).Rates);
    }

    [Fact]
    public async Task DriverThatCallsAVanishedSubscriberRejected_FailsVanishedLineNotFound()
    {
        var checks = new DriverConformanceChecks(new WrappedTarget(target, (driver, _) => new VanishedAsRejectedDriver(driver)));

        var failure = await Assert.ThrowsAsync<ConformanceException>(() => checks.CheckVanishedLineAsync(Ct));

        Assert.Equal(ConformanceRule.VanishedLineNotFound, failure.Rule);
        Assert.Contains("reported Rejected", failure.Message, StringComparison.Ordinal);
        Assert.Equal(new LineRates(4000, 50000), (await target.ReadEquipmentAsync(target.KnownLine.Reference, Ct)).Rates);
    }

    [Fact]
    public async Task FaithfulDriver_PassesPagedOutputAndVanishedLine()
    {
        var checks = new DriverConformanceChecks(new WrappedTarget(target, (driver, _) => new ForwardingDriver(driver)));

        Assert.Contains("pager forced on", await checks.CheckPagedOutputAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("LineNotFound", await checks.CheckVanishedLineAsync(Ct), StringComparison.Ordinal);
        Assert.False(target.Simulator.Faults.ForcePaging);
        Assert.Null(target.Simulator.Faults.VanishedAccount);
    }

    [Fact]
    public async Task SetRateThatReportsSuccessWithoutWriting_FailsSetReadBack()
    {
        var checks = new DriverConformanceChecks(new WrappedTarget(target, (driver, _) => new SilentSetDriver(driver)));

        var failure = await Assert.ThrowsAsync<ConformanceException>(() => checks.CheckSetThenRestoreAsync(Ct));

        Assert.Equal(ConformanceRule.SetReadBack, failure.Rule);
        Assert.Contains("was not written", failure.Message, StringComparison.Ordinal);
        Assert.Equal(new LineRates(4000, 50000), (await target.ReadEquipmentAsync(target.KnownLine.Reference, Ct)).Rates);
    }

    [Fact]
    public async Task DriverThatSanitizesAccountsInsteadOfRefusingThem_FailsNoInjection_AndTheLineIsRestored()
    {
        var checks = new DriverConformanceChecks(new WrappedTarget(target, (driver, _) => new SanitizingDriver(driver)));

        var failure = await Assert.ThrowsAsync<ConformanceException>(() => checks.CheckNoInjectionAsync(Ct));

        Assert.Equal(ConformanceRule.NoInjection, failure.Rule);
        Assert.Contains("zj0571a0001;reboot", failure.Message, StringComparison.Ordinal);
        Assert.Equal(new LineRates(4000, 50000), (await target.ReadEquipmentAsync(target.KnownLine.Reference, Ct)).Rates);
    }

    [Fact]
    public async Task DriverThatForwardsAnUnvalidatedAccountToTheDevice_IsCaughtByTheAudit()
    {
        // Answers InvalidValue as it should, but a "fallback" path has already sent a change to the device (here for
        // another subscriber): the driver's answer looks right, the equipment's audit shows the command.
        var other = target.Cgnat!.ExpectedLine;
        var checks = new DriverConformanceChecks(new WrappedTarget(target, (driver, _) => new AuditLeakingDriver(driver, other)));
        try
        {
            var failure = await Assert.ThrowsAsync<ConformanceException>(() => checks.CheckNoInjectionAsync(Ct));

            Assert.Equal(ConformanceRule.NoInjection, failure.Rule);
            Assert.Contains("reached the equipment", failure.Message, StringComparison.Ordinal);
            Assert.Contains(other.Account, failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            target.Simulator.State.Reboot();
        }
    }

    [Fact]
    public async Task DriverThatMapsEveryFailureToProtocolError_FailsUnknownLine()
    {
        var checks = new DriverConformanceChecks(new WrappedTarget(target, (driver, _) => new MisreportingDriver(driver)));

        var failure = await Assert.ThrowsAsync<ConformanceException>(() => checks.CheckUnknownLineAsync(Ct));

        Assert.Equal(ConformanceRule.UnknownLineNotFound, failure.Rule);
        Assert.Contains("ProtocolError, expected LineNotFound", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DriverThatOverrunsItsTimeout_FailsTimeoutHonoured()
    {
        var checks = new DriverConformanceChecks(new WrappedTarget(target, (driver, _) => new LateTimeoutDriver(driver)));

        var failure = await Assert.ThrowsAsync<ConformanceException>(() => checks.CheckTimeoutAsync(Ct));

        Assert.Equal(ConformanceRule.TimeoutHonoured, failure.Rule);
        Assert.Contains("more than OperationTimeout", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DriverThatIgnoresCancellation_FailsCancellationHonoured()
    {
        var checks = new DriverConformanceChecks(new WrappedTarget(target, (driver, _) => new CancellationIgnoringDriver(driver)));

        var failure = await Assert.ThrowsAsync<ConformanceException>(() => checks.CheckCancellationAsync(Ct));

        Assert.Equal(ConformanceRule.CancellationHonoured, failure.Rule);
    }

    [Fact]
    public async Task ProbeThatShowsThePassword_FailsNoSecretsInMessages()
    {
        var checks = new DriverConformanceChecks(new WrappedTarget(target, (driver, channel) => new LeakyProbeDriver(driver, EnvironmentSecretResolver.Instance.ChannelSecret(channel) ?? "")));

        var failure = await Assert.ThrowsAsync<ConformanceException>(() => checks.CheckProbeAsync(Ct));

        Assert.Equal(ConformanceRule.NoSecretsInMessages, failure.Rule);
        Assert.DoesNotContain(target.Simulator.SshPassword, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimulatorTargetWithoutACapability_Fails_LabTargetReportsNotApplicable()
    {
        var simulator = new DriverConformanceChecks(new WrappedTarget(target, (driver, _) => driver, capabilities: TargetCapabilities.Writes | TargetCapabilities.Audit));
        var lab = new DriverConformanceChecks(new WrappedTarget(target, (driver, _) => driver, ConformanceMode.Lab, TargetCapabilities.None));

        var missing = await Assert.ThrowsAsync<ConformanceException>(() => simulator.CheckTimeoutAsync(Ct));
        var notRun = await Assert.ThrowsAsync<ConformanceNotApplicableException>(() => lab.CheckSetThenRestoreAsync(Ct));

        Assert.Equal(ConformanceRule.TargetCapability, missing.Rule);
        Assert.Contains("must support DeviceDelay", missing.Message, StringComparison.Ordinal);
        Assert.Equal(ConformanceRule.SetReadBack, notRun.Rule);
        Assert.Contains("allowWrites", notRun.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("display current-configuration")]
    [InlineData("system-view")]
    public async Task DriverThatSendsALineItDoesNotDeclare_IsCaughtByWhatTheEquipmentReceived(string extra)
    {
        // The real Huawei dialect with one more command whenever a session opens. The driver's answers stay right and
        // nothing changes on the device — neither the read-back nor the audit would notice — but it still declares the
        // honest dialect's steps (IDriverDryRun), and the simulator received a line outside them.
        var sneaky = DialectLoader.LoadFile(Path.Combine(RepositoryFiles.Root, "drivers", "dialects", "huawei-vrp.dialect.json"));
        sneaky.Definition.OnOpen.Add(extra);
        var sneakyFactory = new DialectCliDriverFactory(CompiledDialect.Compile(sneaky.Definition, "huawei-vrp + " + extra));
        var checks = new DriverConformanceChecks(new WrappedTarget(target, (driver, channel) => new UndeclaredLinesDriver(driver, sneakyFactory.Create(channel))));
        var audit = target.Simulator.State.AuditLog.Count;

        var failure = await Assert.ThrowsAsync<ConformanceException>(() => checks.CheckReadMatchesEquipmentAsync(Ct));

        Assert.Equal(ConformanceRule.UndeclaredTraffic, failure.Rule);
        Assert.Contains($"'{extra}'", failure.Message, StringComparison.Ordinal);
        Assert.Equal(audit, target.Simulator.State.AuditLog.Count);
        Assert.Contains(target.Simulator.Received.All, input => input.Text == extra);
    }

    [Fact]
    public async Task DriverThatDeclaresNothing_FailsAsSoonAsItSendsSomething()
    {
        var checks = new DriverConformanceChecks(new WrappedTarget(target, (driver, _) => new UndeclaringDriver(driver)));

        var failure = await Assert.ThrowsAsync<ConformanceException>(() => checks.CheckProbeAsync(Ct));

        Assert.Equal(ConformanceRule.UndeclaredTraffic, failure.Rule);
        Assert.Contains("IDriverDryRun", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>Acts as <paramref name="acting"/> (which sends more), declares what <paramref name="declaring"/> declares.</summary>
    private sealed class UndeclaredLinesDriver(ISubscriberLineDriver declaring, ISubscriberLineDriver acting) : ForwardingDriver(acting)
    {
        public override DryRunPlan Render(DriverOperation operation) => ((IDriverDryRun)declaring).Render(operation);

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (declaring is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    /// <summary>A driver that does not say what it sends.</summary>
    private sealed class UndeclaringDriver(ISubscriberLineDriver inner) : ForwardingDriver(inner)
    {
        public override DryRunPlan Render(DriverOperation operation) => throw new NotSupportedException("no dry run");
    }

    /// <summary>Reports the requested rate without touching the device.</summary>
    /// <summary>Writes the other direction than the one asked for, then reports the change as not confirmed.</summary>
    private sealed class WrongDirectionDriver(ISubscriberLineDriver inner) : ForwardingDriver(inner)
    {
        public override async Task<LineRates> SetRateAsync(LineReference line, Direction direction, long rateKbps, CancellationToken cancellationToken)
        {
            var other = direction == Direction.Up ? Direction.Down : Direction.Up;
            var current = (await Inner.ReadLineAsync(line, cancellationToken)).Current;
            await Inner.SetRateAsync(line, other, Math.Max(64, current.Of(other) / 2), cancellationToken);
            throw new DriverException(DriverFailure.NotConfirmed, $"the device does not hold {rateKbps} kbit/s {direction}.");
        }
    }

    /// <summary>Reports the device's "no such subscriber" answer to a set as Rejected.</summary>
    private sealed class VanishedAsRejectedDriver(ISubscriberLineDriver inner) : ForwardingDriver(inner)
    {
        public override async Task<LineRates> SetRateAsync(LineReference line, Direction direction, long rateKbps, CancellationToken cancellationToken)
        {
            try
            {
                return await Inner.SetRateAsync(line, direction, rateKbps, cancellationToken);
            }
            catch (DriverException exception) when (exception.Failure == DriverFailure.LineNotFound)
            {
                throw new DriverException(DriverFailure.Rejected, exception.Message);
            }
        }
    }

    private sealed class SilentSetDriver(ISubscriberLineDriver inner) : ForwardingDriver(inner)
    {
        public override async Task<LineRates> SetRateAsync(LineReference line, Direction direction, long rateKbps, CancellationToken cancellationToken)
        {
            var current = (await Inner.ReadLineAsync(line, cancellationToken)).Current;
            return direction == Direction.Up ? current with { UpKbps = rateKbps } : current with { DownKbps = rateKbps };
        }
    }

    /// <summary>"Cleans" accounts by cutting them at the first character outside the grammar, instead of refusing them.</summary>
    private sealed partial class SanitizingDriver(ISubscriberLineDriver inner) : ForwardingDriver(inner)
    {
        public override Task<SubscriberLine> ReadLineAsync(LineReference line, CancellationToken cancellationToken) =>
            Inner.ReadLineAsync(line with { Account = Clean(line.Account) }, cancellationToken);

        public override Task<LineRates> SetRateAsync(LineReference line, Direction direction, long rateKbps, CancellationToken cancellationToken) =>
            Inner.SetRateAsync(line with { Account = Clean(line.Account) }, direction, rateKbps, cancellationToken);

        private static string Clean(string account) => Allowed().Match(account).Value is { Length: > 0 } kept ? kept : account;

        [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}")]
        private static partial Regex Allowed();
    }

    /// <summary>When the account is refused, "falls back" to another line's account and sends the change anyway, then reports the refusal.</summary>
    private sealed class AuditLeakingDriver(ISubscriberLineDriver inner, LineReference fallback) : ForwardingDriver(inner)
    {
        public override async Task<LineRates> SetRateAsync(LineReference line, Direction direction, long rateKbps, CancellationToken cancellationToken)
        {
            try
            {
                return await Inner.SetRateAsync(line, direction, rateKbps, cancellationToken);
            }
            catch (DriverException exception) when (exception.Failure == DriverFailure.InvalidValue)
            {
                try
                {
                    await Inner.SetRateAsync(fallback, direction, rateKbps, cancellationToken);
                }
                catch (DriverException)
                {
                    // Whatever the device answered, it received the command.
                }

                throw;
            }
        }
    }

    /// <summary>Loses the failure kind.</summary>
    private sealed class MisreportingDriver(ISubscriberLineDriver inner) : ForwardingDriver(inner)
    {
        public override async Task<SubscriberLine> ReadLineAsync(LineReference line, CancellationToken cancellationToken)
        {
            try
            {
                return await Inner.ReadLineAsync(line, cancellationToken);
            }
            catch (DriverException exception)
            {
                throw new DriverException(DriverFailure.ProtocolError, exception.Message, exception);
            }
        }
    }

    /// <summary>Reports timeouts seconds late (e.g. a retry loop that ignores the operation budget).</summary>
    private sealed class LateTimeoutDriver(ISubscriberLineDriver inner) : ForwardingDriver(inner)
    {
        public override async Task<SubscriberLine> ReadLineAsync(LineReference line, CancellationToken cancellationToken)
        {
            try
            {
                return await Inner.ReadLineAsync(line, cancellationToken);
            }
            catch (DriverException exception) when (exception.Failure == DriverFailure.Timeout)
            {
                await Task.Delay(TimeSpan.FromSeconds(3), CancellationToken.None);
                throw;
            }
        }
    }

    /// <summary>Runs every call to the end whatever the caller's token says.</summary>
    private sealed class CancellationIgnoringDriver(ISubscriberLineDriver inner) : ForwardingDriver(inner)
    {
        public override Task<SubscriberLine?> FindLineAsync(System.Net.IPAddress ipAddress, int port, CancellationToken cancellationToken) =>
            Inner.FindLineAsync(ipAddress, port, CancellationToken.None);

        public override Task<SubscriberLine> ReadLineAsync(LineReference line, CancellationToken cancellationToken) =>
            Inner.ReadLineAsync(line, CancellationToken.None);
    }

    /// <summary>Puts the login password into the probe detail.</summary>
    private sealed class LeakyProbeDriver(ISubscriberLineDriver inner, string password) : ForwardingDriver(inner)
    {
        public override async Task<DriverHealth> ProbeAsync(CancellationToken cancellationToken)
        {
            var health = await Inner.ProbeAsync(cancellationToken);
            return health with { Detail = health.Detail + " (logged in with " + password + ")" };
        }
    }
}
