using SpeedUp.Testing.Postgres;

namespace SpeedUp.Storage.Postgres.Tests;

/// <summary>The webhook fan-out when no customer has a sink: it runs on every commit of session events, and must not queue.</summary>
public sealed class PostgresWebhookFanOutTests(PostgresClusterFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FanOut_NoSinks_AnswersWithoutWaitingForTheFanOutLock()
    {
        var connectionString = await TestInstances.MigratedDatabaseAsync(postgres);
        await using var database = TestInstances.Database(connectionString);
        var store = new PostgresWebhookStore(database);

        // Another instance in the middle of a fan-out: it holds the fan-out's lock until it commits.
        await using var holder = await HeldAdvisoryLock.TakeAsync(connectionString, PostgresWebhookStore.FanOutLockClassId, "0");

        var queued = await store.FanOutAsync(DateTimeOffset.UtcNow, 100, Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(0, queued);
        await holder.ReleaseAsync();
    }
}
