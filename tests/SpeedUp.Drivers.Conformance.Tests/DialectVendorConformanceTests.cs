using SpeedUp.Drivers.Conformance.Tests.Targets;

namespace SpeedUp.Drivers.Conformance.Tests;

/// <summary>
/// The kit for every vendor added as files (<c>drivers/dialects/&lt;vendor&gt;.dialect.json</c> + <c>.profile.json</c>,
/// seed <c>simulators/data/&lt;vendor&gt;.json</c>): every rule against the driver the dialect file makes, on the simulator
/// face its profile describes behind real sshd. A new vendor's files are enough: no class to write, no list to edit.
/// </summary>
public sealed class DialectVendorConformanceTests(DialectVendorConformanceTests.Targets targets) : IClassFixture<DialectVendorConformanceTests.Targets>
{
    /// <summary>Every rule a check guards (CK13 and CK14 are applied within each, CK06 within CK05).</summary>
    public static IReadOnlyList<ConformanceRule> CheckedRules { get; } =
    [
        .. Enum.GetValues<ConformanceRule>().Where(rule => rule is not (ConformanceRule.TargetCapability or ConformanceRule.RestoreReadBack
            or ConformanceRule.NoSecretsInMessages or ConformanceRule.UndeclaredTraffic)),
    ];

    /// <summary>Each vendor found, with each rule.</summary>
    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var vendor in KnownDrivers.DialectVendors())
        {
            foreach (var rule in CheckedRules)
            {
                cases.Add(vendor.Name, rule.Id());
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Rule_HoldsForTheVendorsDialect(string vendor, string rule)
    {
        var target = await targets.StartAsync(vendor, TestContext.Current.CancellationToken);
        var checks = new DriverConformanceChecks(target);
        var (_, run) = checks.All.Single(check => check.Rule.Id() == rule);
        TestContext.Current.TestOutputHelper?.WriteLine($"target: {target.Name}");
        TestContext.Current.TestOutputHelper?.WriteLine("passed: " + await run(TestContext.Current.CancellationToken));
    }

    /// <summary>One simulator per vendor, started on its first rule and stopped after the class.</summary>
    public sealed class Targets : IAsyncDisposable
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly Dictionary<string, DialectVendorTarget> _started = new(StringComparer.Ordinal);

        public async Task<DialectVendorTarget> StartAsync(string vendor, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (!_started.TryGetValue(vendor, out var target))
                {
                    target = new DialectVendorTarget(KnownDrivers.DialectVendors().Single(found => found.Name == vendor));
                    await target.StartAsync(cancellationToken);
                    _started[vendor] = target;
                }

                return target;
            }
            finally
            {
                _gate.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var target in _started.Values)
            {
                await target.DisposeAsync();
            }

            _gate.Dispose();
        }
    }
}
