using SpeedUp.Core.Sessions;

namespace SpeedUp.Benchmarks.Million;

/// <summary>
/// Where scenario "million" writes its generated history and how the service is pointed at it: a SQLite file or a
/// PostgreSQL database, each with its schema made by the store's own migrations.
/// </summary>
internal interface IHistoryStore : IAsyncDisposable
{
    /// <summary>"SQLite" or "PostgreSQL".</summary>
    string Name { get; }

    /// <summary>The database path the service process is given (the SQLite file, or the master key's path beside nothing).</summary>
    string ServicePath { get; }

    /// <summary>The service's settings beyond the defaults (the storage provider).</summary>
    IDictionary<string, string> ServiceSettings { get; }

    /// <summary>Makes the schema with every migration, as the service makes it, and opens the writers.</summary>
    Task OpenAsync(CancellationToken cancellationToken);

    Task WriteAsync(StoredSession session, CancellationToken cancellationToken);

    Task WriteAsync(StoredOrder order, CancellationToken cancellationToken);

    Task WriteAsync(StoredOrderUse use, CancellationToken cancellationToken);

    Task WriteAsync(StoredRefusal refusal, CancellationToken cancellationToken);

    Task WriteAsync(StoredEvent sessionEvent, CancellationToken cancellationToken);

    /// <summary>What <see cref="CompleteAsync"/> does beyond committing, for the report.</summary>
    string SteadyStep { get; }

    /// <summary>Commits what was written and brings the database to a steady state (checkpoint, or vacuum and statistics).</summary>
    Task CompleteAsync(CancellationToken cancellationToken);

    /// <summary>The database's size on disk, for the report.</summary>
    Task<string> DescribeSizeAsync(CancellationToken cancellationToken);

    /// <summary>Prints the plans the database chooses for QueryStatus's look-up, the statistics and the export.</summary>
    Task PrintPlansAsync(string customerId, long bandId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="use"/> on the store's session reads in this process (the service stopped).</summary>
    Task<T> WithSessionStoreAsync<T>(Func<ISessionStore, Task<T>> use);
}
