namespace SpeedUp.Simulator;

/// <summary>One subscriber line as written in a seed file.</summary>
internal sealed class SeedLine
{
    public long? BandId { get; set; }

    public string? Account { get; set; }

    public string? Province { get; set; }

    public string? IpAddress { get; set; }

    public long? PortFirst { get; set; }

    public long? PortLast { get; set; }

    public long? BaseUpKbps { get; set; }

    public long? BaseDownKbps { get; set; }

    public long? MaxUpKbps { get; set; }

    public long? MaxDownKbps { get; set; }

    public bool? SpeedUpPermitted { get; set; }
}
