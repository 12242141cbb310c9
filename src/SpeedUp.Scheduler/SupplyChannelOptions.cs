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

    /// <summary>
    /// Provinces (English names as in the product catalogue, e.g. <c>Zhejiang</c>) this channel serves, before
    /// <see cref="ReplaceProvinces"/> and <see cref="ExcludeProvinces"/> (<see cref="ChannelProvinces.Served"/> is the result).
    /// </summary>
    public IList<string> Provinces { get; } = new List<string>();

    /// <summary>
    /// When set (not blank), a comma-separated list that replaces <see cref="Provinces"/> wholesale, e.g. <c>Hunan,Hubei</c>:
    /// one environment variable or command-line key can shrink a list that configuration layers could only overwrite
    /// item by item.
    /// </summary>
    public string? ReplaceProvinces { get; set; }

    /// <summary>Provinces taken off <see cref="Provinces"/> (or <see cref="ReplaceProvinces"/>): a province moved to another channel.</summary>
    public IList<string> ExcludeProvinces { get; } = new List<string>();

    /// <summary>
    /// The name of the subscriber lines this channel reaches (a BRAS, a line estate, a supplier's region), e.g.
    /// <c>zj-bras-1</c>. Channels of one carrier serving a common province must reach the same lines: they must have the
    /// same <see cref="ChannelLineGroup"/>. Not set: the equipment at <see cref="DeviceOptions.Host"/> (every loopback
    /// address counts as one local simulator).
    /// </summary>
    public string? Reaches { get; set; }

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
