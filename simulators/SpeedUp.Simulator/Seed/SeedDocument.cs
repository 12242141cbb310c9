namespace SpeedUp.Simulator;

/// <summary>The JSON shape of a seed file (docs/simulator.md). Every member is nullable so validation can name what is missing.</summary>
internal sealed class SeedDocument
{
    public string? Hostname { get; set; }

    public List<SeedLine?>? Lines { get; set; }
}
