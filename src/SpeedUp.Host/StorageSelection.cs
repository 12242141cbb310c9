namespace SpeedUp.Host;

/// <summary>
/// Picks the store by <c>SpeedUp:Storage:Provider</c>: <c>Sqlite</c> (the embedded default: one instance, files under
/// <c>.data/</c>) or <c>Postgres</c> (several instances on one database, <c>SpeedUp:Storage:ConnectionString</c>).
/// </summary>
internal static class StorageSelection
{
    /// <summary>The configuration key naming the provider.</summary>
    public const string ProviderKey = "SpeedUp:Storage:Provider";

    /// <summary>Adds the configured provider's stores, line locks and capacity ledger.</summary>
    /// <exception cref="InvalidOperationException">The provider is neither Sqlite nor Postgres.</exception>
    public static IServiceCollection AddConfiguredStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(provider) || provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return services.AddSqliteStorage();
        }

        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            return services.AddPostgresStorage();
        }

        throw new InvalidOperationException($"{ProviderKey} must be Sqlite or Postgres (got '{(provider.Length > 40 ? provider[..40] + "…" : provider)}').");
    }
}
