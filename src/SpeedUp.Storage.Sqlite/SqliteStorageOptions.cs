namespace SpeedUp.Storage.Sqlite;

/// <summary>SQLite storage settings (section <c>SpeedUp:Storage</c>).</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>Path of the database file; relative paths are relative to the working directory. Default <c>.data/speedup.db</c>.</summary>
    public string SqlitePath { get; set; } = ".data/speedup.db";
}
