using System.Net.Sockets;
using Npgsql;

namespace SpeedUp.Storage.Postgres.Internal;

/// <summary>Tells the failures that mean "the database cannot be reached" from the ones a store handles or reports as bugs.</summary>
internal static class PostgresFailures
{
    /// <summary>
    /// True for a lost or refused connection: a server error of class 08 (connection exception) or 57P01–57P03
    /// (admin/crash shutdown, cannot connect now), a transient Npgsql error, or a socket error or timeout inside one.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,
        NpgsqlException npgsql => npgsql.IsTransient || HasInner(npgsql),
        SocketException or TimeoutException => true,
        _ => false,
    };

    /// <summary>True when the server refused the credentials (28P01, 28000): a configuration error, not an outage.</summary>
    public static bool IsAuthentication(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification };

    /// <summary>True when the server refused a write because it would duplicate a unique key (23505), optionally of one constraint.</summary>
    public static bool IsUniqueViolation(Exception exception, string? constraint = null) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } postgres
        && (constraint is null || postgres.ConstraintName == constraint);

    private static bool HasInner(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException or TimeoutException or IOException)
            {
                return true;
            }
        }

        return false;
    }
}
