using Microsoft.Extensions.Options;
using Npgsql;

namespace SpeedUp.Storage.Postgres;

/// <summary>Refuses PostgreSQL settings that cannot work, naming the key; never echoes the connection string.</summary>
public sealed class PostgresStorageOptionsValidator : IValidateOptions<PostgresStorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PostgresStorageOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("SpeedUp:Storage:ConnectionString is required for the PostgreSQL store (e.g. Host=db;Database=speedup;Username=speedup).");
        }
        else
        {
            NpgsqlConnectionStringBuilder? builder = null;
            try
            {
                builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            }
            catch (ArgumentException)
            {
                // The exception text may quote the string, password included: say only that it is malformed.
                failures.Add("SpeedUp:Storage:ConnectionString is not a valid Npgsql connection string.");
            }

            if (builder is not null)
            {
                if (!string.IsNullOrEmpty(builder.Password))
                {
                    failures.Add(
                        "SpeedUp:Storage:ConnectionString contains a Password; remove it and put it in the environment variable named by " +
                        $"SpeedUp:Storage:PasswordEnvironmentVariable (now {options.PasswordEnvironmentVariable}).");
                }

                if (string.IsNullOrWhiteSpace(builder.Host))
                {
                    failures.Add("SpeedUp:Storage:ConnectionString has no Host.");
                }
            }
        }

        if (string.IsNullOrWhiteSpace(options.PasswordEnvironmentVariable) || options.PasswordEnvironmentVariable.Any(c => c == '=' || char.IsWhiteSpace(c)))
        {
            failures.Add("SpeedUp:Storage:PasswordEnvironmentVariable must name an environment variable (no spaces or '=').");
        }

        if (options.MaxPoolSize is < 1 or > 1000)
        {
            failures.Add($"SpeedUp:Storage:MaxPoolSize must be between 1 and 1000 (got {options.MaxPoolSize}).");
        }

        if (options.CommandTimeout < TimeSpan.FromSeconds(1) || options.CommandTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"SpeedUp:Storage:CommandTimeout must be between 00:00:01 and 00:10:00 (got {options.CommandTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
