namespace SpeedUp.Drivers.Huawei.Tests;

/// <summary>The integration tests sharing one <see cref="HuaweiSimulatorFixture"/>; they run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class HuaweiSimulatorCollection : ICollectionFixture<HuaweiSimulatorFixture>
{
    public const string Name = "China Telecom BRAS simulator over SSH";
}
