namespace SpeedUp.Core.Prechecks;

/// <summary>Durable pre-check results, one (the latest) per band id.</summary>
public interface IPrecheckStore
{
    /// <summary>Saves a pre-check, replacing any earlier one of the same band id.</summary>
    Task SaveAsync(Precheck precheck, CancellationToken cancellationToken);

    /// <summary>The latest pre-check of a band id, or null.</summary>
    Task<Precheck?> FindAsync(long bandId, CancellationToken cancellationToken);
}
