using SpeedUp.Core.Cluster;
using SpeedUp.Storage.Postgres.Internal;

namespace SpeedUp.Storage.Postgres;

/// <summary>
/// Turns at periodic jobs among every instance of the database: one statement takes the turn when the last one started
/// long enough ago (or there was none), atomically among instances — judged at the caller's instant.
/// </summary>
public sealed class PostgresPeriodicJobTurns(PostgresDatabase database) : IPeriodicJobTurns
{
    private const string TakeSql = """
        INSERT INTO periodic_job_turns (job, instance_id, started_at) VALUES (@job, @instance, @now)
        ON CONFLICT (job) DO UPDATE SET instance_id = excluded.instance_id, started_at = excluded.started_at
            WHERE periodic_job_turns.started_at <= @last_started_by
        """;

    /// <inheritdoc />
    public Task<bool> TryTakeTurnAsync(string job, string instanceId, DateTimeOffset now, TimeSpan period, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var take = connection.Command(TakeSql)
                .With("job", job).With("instance", instanceId).WithTime("now", now).WithTime("last_started_by", now - IPeriodicJobTurns.TurnGap(period));
            return await take.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);
}
