using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using SpeedUp.Drivers.Cli.Dialects;
using SpeedUp.Simulator;

namespace SpeedUp.Drivers.Conformance.Runner;

/// <summary>
/// The driver a dialect file makes, against the simulator face its profile describes holding its seed, behind real
/// sshd — a vendor added as files, with no code of its own. The SSH user is the target's own (vendor name and a drawn
/// suffix: two runs of one vendor at once, e.g. two test assemblies, never reset each other's password), with a password
/// drawn for the run (a leak into any message is found by CK13).
/// </summary>
public class DialectVendorTarget : SimulatorTarget
{
    private readonly SeedSample _sample;

    /// <summary>Creates the target of <paramref name="vendor"/>; <paramref name="loggerFactory"/> receives the driver's CLI transcript (Trace).</summary>
    /// <exception cref="InvalidOperationException">The vendor has no profile, or its seed no test line.</exception>
    public DialectVendorTarget(DialectVendor vendor, ILoggerFactory? loggerFactory = null)
        : base(new DialectCliDriverFactory(DialectLoader.LoadFile(vendor.DialectPath), loggerFactory))
    {
        ArgumentNullException.ThrowIfNull(vendor);
        Vendor = vendor;
        if (vendor.ProfilePath is null)
        {
            throw new InvalidOperationException($"Dialect {vendor.DialectPath} has no simulator profile: add {vendor.Name}.profile.json beside it (docs/adding-a-driver.md).");
        }

        _sample = SeedSample.From(vendor.SeedPath);
    }

    /// <summary>The vendor's files.</summary>
    public DialectVendor Vendor { get; }

    public override string Name => $"{Factory.DriverName} ({Vendor.Name} dialect file) @ simulator profile (sshd 127.0.0.1:{Simulator.SshPort})";

    public override ConformanceLine KnownLine => _sample.KnownLine;

    public override CgnatSample? Cgnat => _sample.Cgnat;

    protected override bool UsesSnmp => false;

    public override DeviceOptions CreateChannel() => SshChannel($"conformance-{Vendor.Name}", Carrier.ChinaTelecom, Factory.DriverName);

    protected override BrasSimulatorOptions SimulatorOptions() => new()
    {
        SeedFile = Vendor.SeedPath,
        CliDialect = CliDialects.ProfilePrefix + Vendor.ProfilePath,
        Ssh = new SshFrontOptions { User = SshUser(Vendor.Name), Password = "conf-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant() },
    };

    /// <summary>A system user name of this target (Linux user names: at most 32 chars, lower case).</summary>
    private static string SshUser(string vendor)
    {
        var letters = new string([.. vendor.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c))]);
        return "conf-" + (letters.Length > 10 ? letters[..10] : letters) + "-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();
    }
}
