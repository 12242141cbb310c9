namespace SpeedUp.Core.Prechecks;

/// <summary>Pre-check settings (section <c>SpeedUp:Precheck</c>).</summary>
public sealed class PrecheckOptions
{
    /// <summary>How long a pre-check stays valid for ordering and starting. Default 30 minutes.</summary>
    public TimeSpan ValidFor { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long a customer's repeated pre-check of the same address and port reuses the line lookup of its previous
    /// one instead of asking the equipment again (only while the line has no open speed-up). Default 5 s; 0 = always ask.
    /// At most <see cref="ValidFor"/>.
    /// </summary>
    public TimeSpan LineLookupReuse { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most line lookups kept for reuse (per instance); the oldest go first. Default 10,000; 0 = none.</summary>
    public int LineLookupCapacity { get; set; } = 10_000;
}
