namespace SpeedUp.Core.Cluster;

/// <summary>
/// The turns of a store that one instance uses (the embedded SQLite store): the instance's own timer already runs a job
/// once per period, so every turn is its own.
/// </summary>
public sealed class InProcessPeriodicJobTurns : IPeriodicJobTurns
{
    /// <inheritdoc />
    public Task<bool> TryTakeTurnAsync(string job, string instanceId, DateTimeOffset now, TimeSpan period, CancellationToken cancellationToken) =>
        Task.FromResult(true);
}
