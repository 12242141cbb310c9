namespace SpeedUp.Drivers;

/// <summary>Which way of a subscriber line a rate applies to.</summary>
public enum Direction
{
    /// <summary>Upstream: from the subscriber to the network (BRAS "inbound").</summary>
    Up = 1,

    /// <summary>Downstream: from the network to the subscriber (BRAS "outbound").</summary>
    Down = 2,
}
