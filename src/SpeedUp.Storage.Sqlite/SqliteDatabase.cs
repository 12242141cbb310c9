using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace SpeedUp.Storage.Sqlite;

/// <summary>Opens connections to the service's SQLite file and creates the schema on first use.</summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly Lock _initGate = new();
    private volatile bool _initialized;

    /// <summary>Creates the database accessor for the configured file.</summary>
    public SqliteDatabase(IOptions<SqliteStorageOptions> options)
    {
        var path = Path.GetFullPath(options.Value.SqlitePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>An open connection; the schema exists.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (!_initialized)
        {
            Initialize(connection);
        }

        return connection;
    }

    private void Initialize(SqliteConnection connection)
    {
        lock (_initGate)
        {
            if (_initialized)
            {
                return;
            }

            using var command = connection.CreateCommand();
            command.CommandText = Schema.Sql;
            command.ExecuteNonQuery();
            _initialized = true;
        }
    }
}
