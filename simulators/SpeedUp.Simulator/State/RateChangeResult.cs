namespace SpeedUp.Simulator;

/// <summary>Outcome of a (possibly multi-change) rate request. <see cref="FailedIndex"/> is the 0-based index of the first rejected change, -1 when applied.</summary>
public readonly record struct RateChangeResult(RateChangeStatus Status, int FailedIndex)
{
    public static RateChangeResult Applied { get; } = new(RateChangeStatus.Applied, -1);

    public bool IsApplied => Status == RateChangeStatus.Applied;
}
