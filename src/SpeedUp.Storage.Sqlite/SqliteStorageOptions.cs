namespace SpeedUp.Storage.Sqlite;

/// <summary>SQLite storage settings (section <c>SpeedUp:Storage</c>).</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>Path of the database file; relative paths are relative to the working directory. Default <c>.data/speedup.db</c>.</summary>
    public string SqlitePath { get; set; } = ".data/speedup.db";

    /// <summary>
    /// Path of the file that remembers used nonces of signed calls; empty: beside <see cref="SqlitePath"/>, named after
    /// it (<c>.data/speedup.nonces.db</c>). One instance holds it: a second one on the same file is refused at start-up.
    /// </summary>
    public string NonceSqlitePath { get; set; } = "";

    /// <summary>The nonce file as configured or derived.</summary>
    internal string NonceFilePath => NonceSqlitePath.Length > 0
        ? NonceSqlitePath
        : Path.Combine(Path.GetDirectoryName(SqlitePath) ?? "", Path.GetFileNameWithoutExtension(SqlitePath) + ".nonces" + Path.GetExtension(SqlitePath));
}
