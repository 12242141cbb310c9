namespace SpeedUp.Core.Access;

/// <summary>
/// An AccessKeyId that signs calls: the customer it acts for (null for an operator key, which reaches the admin
/// APIs only), the actions it may call (see <see cref="ActionCatalogue"/>), and whether it is enabled. Its secret
/// is never part of this record.
/// </summary>
public sealed record AccessKey(
    string Id, string? CustomerId, IReadOnlyList<string> Actions, bool Enabled, string Description, DateTimeOffset CreatedAt, DateTimeOffset? RotatedAt);

/// <summary>An access key as stored: its secret (and, during a rotation's grace period, the previous one) protected at rest.</summary>
public sealed record StoredAccessKey(AccessKey Key, byte[] ProtectedSecret, byte[]? PreviousProtectedSecret, DateTimeOffset? PreviousValidUntil);

/// <summary>One line of the key audit log: who (an AccessKeyId, or <c>configuration</c>) did what to which key.</summary>
public sealed record AccessKeyAuditEntry(DateTimeOffset At, string Actor, string Action, string KeyId, string Detail);

/// <summary>A key and the secrets that verify its signatures now (the current one first).</summary>
public sealed record VerifiableAccessKey(AccessKey Key, IReadOnlyList<string> Secrets);
