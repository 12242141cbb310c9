namespace SpeedUp.Simulator;

/// <summary>Direction of a subscriber rate: CAR inbound is upstream, CAR outbound is downstream.</summary>
public enum RateDirection
{
    Up,
    Down,
}
