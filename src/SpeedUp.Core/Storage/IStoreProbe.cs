namespace SpeedUp.Core.Storage;

/// <summary>Asks the store whether it answers (readiness): a round trip that reads nothing.</summary>
public interface IStoreProbe
{
    /// <summary>Completes when the store answered.</summary>
    /// <exception cref="Errors.StoreUnavailableException">The store cannot be reached.</exception>
    Task ProbeAsync(CancellationToken cancellationToken);
}
