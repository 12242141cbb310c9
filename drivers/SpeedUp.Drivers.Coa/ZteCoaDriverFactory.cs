using Microsoft.Extensions.Logging;

namespace SpeedUp.Drivers.Coa;

/// <summary>
/// <c>zte-coa</c>: ZTE BRAS rates by CoA (ZTE-Rate-Ctrl-SCR-Up/Down, kbit/s, by User-Name), from
/// <c>drivers/coa-vendors/zte.coa.json</c>; see <see cref="CoaDriverFactory"/> for the channel keys.
/// </summary>
/// <param name="loggerFactory">Where drivers log; nothing when null.</param>
/// <param name="secrets">Where channel secrets come from; the environment when null.</param>
/// <param name="services">The service's container (read-face drivers); the built-in drivers when null.</param>
/// <param name="timeProvider">The clock of attempt timeouts and the operation budget; the system clock when null.</param>
[DriverFactory]
public sealed class ZteCoaDriverFactory(ILoggerFactory? loggerFactory = null, ISecretResolver? secrets = null, IServiceProvider? services = null, TimeProvider? timeProvider = null)
    : CoaDriverFactory(Definition, loggerFactory, secrets, services, timeProvider)
{
    /// <summary>The driver name channels refer to.</summary>
    public const string Name = "zte-coa";

    /// <summary>The vendor file's name.</summary>
    public const string FileName = "zte.coa.json";

    /// <summary>The vendor file.</summary>
    public static CoaVendorDefinition Definition { get; } = CoaVendorLoader.Embedded(typeof(ZteCoaDriverFactory).Assembly, FileName);
}
