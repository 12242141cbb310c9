namespace SpeedUp.Simulator;

public enum RateChangeStatus
{
    Applied,

    /// <summary>No line has that band id.</summary>
    UnknownLine,

    /// <summary>The rate is below <see cref="BrasState.MinimumRateKbps"/> or above the line capability.</summary>
    OutOfCapability,
}
