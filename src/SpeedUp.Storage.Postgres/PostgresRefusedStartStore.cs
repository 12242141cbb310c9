using SpeedUp.Core.Statistics;
using SpeedUp.Storage.Postgres.Internal;

namespace SpeedUp.Storage.Postgres;

/// <summary>Refused starts in PostgreSQL (table <c>refused_starts</c>), read by <see cref="PostgresStatisticsStore"/>.</summary>
public sealed class PostgresRefusedStartStore(PostgresDatabase database) : IRefusedStartStore
{
    /// <inheritdoc />
    public Task RecordAsync(RefusedStart refusal, CancellationToken cancellationToken) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = connection.Command("""
                INSERT INTO refused_starts (id, customer_id, band_id, account, carrier, province, direction, target_kbps, refused_at, code, message)
                VALUES (@id, @customer, @band_id, @account, @carrier, @province, @direction, @target, @at, @code, @message)
                ON CONFLICT (id) DO NOTHING
                """)
                .With("id", refusal.Id).WithText("customer", refusal.CustomerId).With("band_id", refusal.BandId).With("account", refusal.Account)
                .With("carrier", refusal.Carrier.ToString()).With("province", refusal.Province).With("direction", refusal.Direction.ToString())
                .With("target", refusal.TargetKbps).WithTime("at", refusal.RefusedAt).With("code", refusal.Code).With("message", refusal.Message);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
}
