namespace SpeedUp.Location;

/// <summary>Settings of the IP locator. Bound from configuration section <c>SpeedUp:Location</c>.</summary>
public sealed class IpLocationOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "SpeedUp:Location";

    /// <summary>
    /// Path of the ip2region v1 database file. Default <c>.data/ip2region.db</c>; a relative path is resolved
    /// against the current directory. <c>scripts/setup.sh</c> downloads the file there.
    /// </summary>
    public string DatabasePath { get; set; } = ".data/ip2region.db";

    /// <summary>
    /// CIDR overrides that win over ip2region; when several contain an address the longest prefix wins.
    /// Empty by default.
    /// </summary>
    public IList<IpLocationOverrideOptions> Overrides { get; } = new List<IpLocationOverrideOptions>();
}
