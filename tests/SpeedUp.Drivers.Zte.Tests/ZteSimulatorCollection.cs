namespace SpeedUp.Drivers.Zte.Tests;

/// <summary>The integration tests sharing one <see cref="ZteSimulatorFixture"/>; they run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class ZteSimulatorCollection : ICollectionFixture<ZteSimulatorFixture>
{
    public const string Name = "China Unicom BRAS simulator (ZTE CLI) over SSH";
}
