using SpeedUp.Drivers;

namespace SpeedUp.Scheduler;

/// <summary>
/// One supply channel (<c>SpeedUp:Channels:N</c>): a piece of equipment (or supplier) that can change the rates of one
/// carrier's lines in some provinces, reached through one driver. The scheduler's settings (carrier, provinces, driver,
/// tiers, capacity, priority, cost, resilience) are declared here; the device's (<see cref="DeviceOptions"/>) are what
/// the driver receives.
/// </summary>
public sealed class SupplyChannelOptions : DeviceOptions
{
    /// <summary>The carrier whose lines this channel reaches.</summary>
    public Carrier Carrier { get; set; }

    /// <summary>Provinces (English names as in the product catalogue, e.g. <c>Zhejiang</c>) this channel serves.</summary>
    public IList<string> Provinces { get; } = new List<string>();

    /// <summary>The driver (dialect) name, e.g. <c>huawei-cli-ssh</c> or <c>zte-snmp</c>.</summary>
    public string Driver { get; set; } = "";

    /// <summary>
    /// The speed-up tiers this channel can apply, as <c>Direction:Mbps</c> (e.g. <c>Down:200</c>, <c>Up:50</c>).
    /// Empty (the default) = every tier of the catalogue in its provinces. Reads (pre-check, restore) are not limited by tier.
    /// </summary>
    public IList<string> Tiers { get; } = new List<string>();

    /// <summary>How much the channel may carry at once (scheduling; drivers ignore it).</summary>
    public ChannelCapacityOptions Capacity { get; } = new();

    /// <summary>Preference: lower is chosen first among healthy channels with free capacity. Default 100.</summary>
    public int Priority { get; set; } = 100;

    /// <summary>Share among channels of equal priority and cost: the channel with the highest weight × free share wins. Default 100.</summary>
    public int Weight { get; set; } = 100;

    /// <summary>What one speed-up hour costs through this channel (any unit, compared between channels). Default 0.</summary>
    public decimal Cost { get; set; }

    /// <summary>Timeouts, retries and circuit breaking of this channel's calls (scheduling; drivers ignore it).</summary>
    public ChannelResilienceOptions Resilience { get; } = new();

    /// <summary>Call slots and queues of this channel, fair between customers (scheduling; drivers ignore it).</summary>
    public ChannelAdmissionOptions Admission { get; } = new();
}
