namespace SpeedUp.Storage.Postgres;

/// <summary>PostgreSQL storage settings (section <c>SpeedUp:Storage</c>).</summary>
public sealed class PostgresStorageOptions
{
    /// <summary>The configuration section these options are bound to.</summary>
    public const string Section = "SpeedUp:Storage";

    /// <summary>
    /// Npgsql connection string (key <c>SpeedUp:Storage:ConnectionString</c>), e.g.
    /// <c>Host=db;Port=5432;Database=speedup;Username=speedup</c>. It must not contain a password: that comes from
    /// the variable named by <see cref="PasswordEnvironmentVariable"/>. No default.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// Name of the environment variable holding the database password; when that variable is set, its value is the
    /// password. Default <c>SPEEDUP_POSTGRES_PASSWORD</c>.
    /// </summary>
    public string PasswordEnvironmentVariable { get; set; } = "SPEEDUP_POSTGRES_PASSWORD";

    /// <summary>
    /// Most pooled connections per pool (connections). The stores use one pool and the line locks another (a held line
    /// keeps its connection), so an instance opens at most twice this. Default 50.
    /// </summary>
    public int MaxPoolSize { get; set; } = 50;

    /// <summary>How long one statement may run before it fails as unavailable (time span). Default 15 seconds.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
