namespace SpeedUp.Core.Access;

/// <summary>Durable access keys and their audit log. Every change is written together with its audit entry.</summary>
public interface IAccessKeyStore
{
    /// <summary>The key, or null.</summary>
    Task<StoredAccessKey?> FindAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>Creates a key; false when the id is taken.</summary>
    Task<bool> CreateAsync(StoredAccessKey key, AccessKeyAuditEntry audit, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a key provisioned by configuration.</summary>
    Task UpsertAsync(StoredAccessKey key, AccessKeyAuditEntry audit, CancellationToken cancellationToken);

    /// <summary>Enables or disables a key; null when it does not exist.</summary>
    Task<AccessKey?> SetEnabledAsync(string keyId, bool enabled, AccessKeyAuditEntry audit, CancellationToken cancellationToken);

    /// <summary>Replaces the secret, keeping the previous one valid until <paramref name="previousValidUntil"/> (null: not at all); null when the key does not exist.</summary>
    Task<AccessKey?> ReplaceSecretAsync(
        string keyId, byte[] protectedSecret, byte[]? previousProtectedSecret, DateTimeOffset? previousValidUntil, DateTimeOffset rotatedAt,
        AccessKeyAuditEntry audit, CancellationToken cancellationToken);

    /// <summary>Deletes a key; false when it does not exist.</summary>
    Task<bool> DeleteAsync(string keyId, AccessKeyAuditEntry audit, CancellationToken cancellationToken);

    /// <summary>Records an audit entry that goes with no change (a refused request).</summary>
    Task AppendAuditAsync(AccessKeyAuditEntry audit, CancellationToken cancellationToken);

    /// <summary>Keys, of one customer or all (<paramref name="customerId"/> null), ordered by id.</summary>
    Task<IReadOnlyList<AccessKey>> ListAsync(string? customerId, CancellationToken cancellationToken);

    /// <summary>The latest audit entries, newest first, of one key or all.</summary>
    Task<IReadOnlyList<AccessKeyAuditEntry>> ListAuditAsync(string? keyId, int limit, CancellationToken cancellationToken);
}
