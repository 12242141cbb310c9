namespace SpeedUp.Core.Prechecks;

/// <summary>Durable pre-check results, one (the latest) per customer and band id.</summary>
public interface IPrecheckStore
{
    /// <summary>Saves a pre-check, replacing any earlier one of the same customer and band id.</summary>
    Task SaveAsync(Precheck precheck, CancellationToken cancellationToken);

    /// <summary>The customer's latest pre-check of a band id, or null.</summary>
    Task<Precheck?> FindAsync(string customerId, long bandId, CancellationToken cancellationToken);
}
