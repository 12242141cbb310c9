namespace SpeedUp.Simulator;

/// <summary>Huawei VRP command views.</summary>
public enum CliView
{
    /// <summary>&lt;HOST&gt;</summary>
    User,

    /// <summary>[HOST]</summary>
    System,

    /// <summary>[HOST-aaa]</summary>
    Aaa,
}
