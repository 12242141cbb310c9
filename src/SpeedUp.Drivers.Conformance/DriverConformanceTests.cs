using Xunit;

namespace SpeedUp.Drivers.Conformance;

/// <summary>
/// The conformance kit as xUnit tests. A test project derives one sealed class per driver and target:
/// <code>
/// public sealed class HuaweiConformanceTests(HuaweiSimulatorTarget target) : DriverConformanceTests&lt;HuaweiSimulatorTarget&gt;(target);
/// </code>
/// <typeparamref name="TTarget"/> is the class fixture (implement <see cref="IAsyncLifetime"/> to start a simulator).
/// On a simulator target every check runs and a missing capability fails; on a lab target a check the target cannot
/// support is reported as skipped with the reason, never silently passed. A rule listed in
/// <see cref="DriverDeclaration.KnownDeviations"/> must still fail with that rule (the test then passes and prints
/// the waiver); once it no longer fails, the test fails so the waiver is removed.
/// </summary>
public abstract class DriverConformanceTests<TTarget> : IClassFixture<TTarget>
    where TTarget : class, IConformanceTarget
{
    /// <summary>Creates the tests over <paramref name="target"/>.</summary>
    protected DriverConformanceTests(TTarget target, ConformanceSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
        Checks = new DriverConformanceChecks(target, settings);
    }

    /// <summary>The target (class fixture).</summary>
    protected TTarget Target { get; }

    /// <summary>The checks the facts run.</summary>
    protected DriverConformanceChecks Checks { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>CK01.</summary>
    [Fact]
    public Task CK01_DeclaredCapabilities_MatchTheImplementation() => RunAsync(ConformanceRule.DeclaredCapabilities, Checks.CheckDeclarationAsync);

    /// <summary>CK02.</summary>
    [Fact]
    public Task CK02_FindLine_ByAddressAndPort() => RunAsync(ConformanceRule.FindLine, Checks.CheckFindLineAsync);

    /// <summary>CK03.</summary>
    [Fact]
    public Task CK03_FindLine_BehindCgnat_PortPicksTheLine() => RunAsync(ConformanceRule.FindCgnat, Checks.CheckFindCgnatAsync);

    /// <summary>CK04.</summary>
    [Fact]
    public Task CK04_ReadLine_MatchesTheEquipment() => RunAsync(ConformanceRule.ReadMatchesEquipment, Checks.CheckReadMatchesEquipmentAsync);

    /// <summary>CK05/CK06.</summary>
    [Fact]
    public Task CK05_SetThenRestore_ReadBackEqualsTheEquipment() => RunAsync(ConformanceRule.SetReadBack, Checks.CheckSetThenRestoreAsync);

    /// <summary>CK07.</summary>
    [Fact]
    public Task CK07_RateAboveCapability_IsRejected_NothingChanged() => RunAsync(ConformanceRule.OutOfCapabilityRejected, Checks.CheckOutOfCapabilityAsync);

    /// <summary>CK08.</summary>
    [Fact]
    public Task CK08_UnknownLine_IsLineNotFound() => RunAsync(ConformanceRule.UnknownLineNotFound, Checks.CheckUnknownLineAsync);

    /// <summary>CK09.</summary>
    [Fact]
    public Task CK09_Timeout_IsHonoured_AndTheNextCallWorks() => RunAsync(ConformanceRule.TimeoutHonoured, Checks.CheckTimeoutAsync);

    /// <summary>CK10.</summary>
    [Fact]
    public Task CK10_Cancellation_IsHonoured() => RunAsync(ConformanceRule.CancellationHonoured, Checks.CheckCancellationAsync);

    /// <summary>CK11.</summary>
    [Fact]
    public Task CK11_ValuesOutsideTheGrammar_AreInvalidValue_AndReachNoDevice() => RunAsync(ConformanceRule.NoInjection, Checks.CheckNoInjectionAsync);

    /// <summary>CK12.</summary>
    [Fact]
    public Task CK12_Probe_IsHealthy() => RunAsync(ConformanceRule.ProbeHealthy, Checks.CheckProbeAsync);

    /// <summary>CK15.</summary>
    [Fact]
    public Task CK15_PagedOutput_IsJoined() => RunAsync(ConformanceRule.PagedOutput, Checks.CheckPagedOutputAsync);

    /// <summary>CK16.</summary>
    [Fact]
    public Task CK16_SetOnAVanishedLine_IsLineNotFound() => RunAsync(ConformanceRule.VanishedLineNotFound, Checks.CheckVanishedLineAsync);

    private async Task RunAsync(ConformanceRule rule, Func<CancellationToken, Task<string>> check)
    {
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"target: {Target.Name} ({Target.Mode}, capabilities {Target.Capabilities})");
        if (Target.Declaration.KnownDeviations.TryGetValue(rule, out var waiver))
        {
            try
            {
                var passed = await check(Ct);
                Assert.Fail($"[{rule.Id()} {rule}] is declared as a known deviation of {Target.Declaration.DriverName} ({waiver}) but now passes ({passed}): remove the waiver.");
            }
            catch (ConformanceException exception) when (exception.Rule == rule)
            {
                output?.WriteLine($"KNOWN DEVIATION ({waiver}): {exception.Message}");
                return;
            }
            catch (ConformanceNotApplicableException exception)
            {
                Assert.Skip(exception.Message);
            }
        }

        try
        {
            output?.WriteLine("passed: " + await check(Ct));
        }
        catch (ConformanceNotApplicableException exception) when (Target.Mode == ConformanceMode.Lab)
        {
            Assert.Skip(exception.Message);
        }
    }
}
