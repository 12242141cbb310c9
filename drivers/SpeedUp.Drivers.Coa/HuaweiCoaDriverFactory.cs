using Microsoft.Extensions.Logging;

namespace SpeedUp.Drivers.Coa;

/// <summary>
/// <c>huawei-coa</c>: Huawei BRAS rates by CoA (Huawei-Input/Output-Average-Rate, bit/s, by User-Name), from
/// <c>drivers/coa-vendors/huawei.coa.json</c>; see <see cref="CoaDriverFactory"/> for the channel keys.
/// </summary>
/// <param name="loggerFactory">Where drivers log; nothing when null.</param>
/// <param name="secrets">Where channel secrets come from; the environment when null.</param>
/// <param name="services">The service's container (read-face drivers); the built-in drivers when null.</param>
/// <param name="timeProvider">The clock of attempt timeouts and the operation budget; the system clock when null.</param>
[DriverFactory]
public sealed class HuaweiCoaDriverFactory(ILoggerFactory? loggerFactory = null, ISecretResolver? secrets = null, IServiceProvider? services = null, TimeProvider? timeProvider = null)
    : CoaDriverFactory(Definition, loggerFactory, secrets, services, timeProvider)
{
    /// <summary>The driver name channels refer to.</summary>
    public const string Name = "huawei-coa";

    /// <summary>The vendor file's name.</summary>
    public const string FileName = "huawei.coa.json";

    /// <summary>The vendor file.</summary>
    public static CoaVendorDefinition Definition { get; } = CoaVendorLoader.Embedded(typeof(HuaweiCoaDriverFactory).Assembly, FileName);
}
