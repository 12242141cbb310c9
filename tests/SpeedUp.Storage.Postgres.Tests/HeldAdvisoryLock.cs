using Npgsql;

namespace SpeedUp.Storage.Postgres.Tests;

/// <summary>
/// Another instance in the middle of a transaction that took a transaction-level advisory lock: the lock is held until
/// <see cref="ReleaseAsync"/> commits (or disposing rolls back).
/// </summary>
internal sealed class HeldAdvisoryLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private HeldAdvisoryLock(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>Takes <c>pg_advisory_xact_lock(classId, key)</c>, <paramref name="keySql"/> being the second key as SQL.</summary>
    public static async Task<HeldAdvisoryLock> TakeAsync(string connectionString, int classId, string keySql)
    {
        var ct = TestContext.Current.CancellationToken;
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock(@class, {keySql})", connection, transaction);
        command.Parameters.AddWithValue("class", classId);
        await command.ExecuteNonQueryAsync(ct);
        return new HeldAdvisoryLock(connection, transaction);
    }

    /// <summary>Commits the holder's transaction, releasing the lock.</summary>
    public Task ReleaseAsync() => _transaction.CommitAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
