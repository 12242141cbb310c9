using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using SpeedUp.Core.Customers;
using SpeedUp.Core.Errors;
using SpeedUp.Core.Storage;

namespace SpeedUp.Core.Access;

/// <summary>
/// Access keys: creation, disabling, rotation and deletion (each audited with the acting key), provisioning from
/// configuration (<see cref="BootstrapKeyProvisioner"/>), and the lookup that signature verification needs. No key
/// administers beyond its own power: it may grant only actions it holds, and read, enable, disable, rotate or delete only
/// keys whose every action it holds (<see cref="ActionCatalogue.Covers"/>); anything else is refused with
/// <c>isp.RAM_PERMISSION_DENY</c>, changes nothing and is audited as <c>refused-…</c>.
/// </summary>
public sealed partial class AccessKeyService(
    IAccessKeyStore store,
    ICustomerStore customers,
    ISecretProtector protector,
    ActionCatalogue catalogue,
    TimeProvider time,
    ILogger<AccessKeyService> logger)
{
    /// <summary>Actor name of changes made by configuration at start-up.</summary>
    public const string ConfigurationActor = "configuration";

    /// <summary>Longest grace period a rotation may leave the previous secret valid.</summary>
    public static readonly TimeSpan MaxRotationGrace = TimeSpan.FromDays(7);

    /// <summary>Whether <paramref name="keyId"/> is a well-formed AccessKeyId (3..64 of <c>[A-Za-z0-9._-]</c>).</summary>
    public static bool IsValidId(string? keyId) => keyId is not null && IdPattern().IsMatch(keyId);

    /// <summary>
    /// How long a key found for verification (its grants, enabled flag and decrypted secrets) is reused without reading
    /// the store and decrypting again. A change made through this instance (disable, enable, rotate, delete) is seen by
    /// its next call; a change made by another instance sharing the store is seen within this time; a rotation's
    /// previous secret is never honoured past its grace period (an entry lives no longer than that).
    /// </summary>
    public static readonly TimeSpan VerificationCacheTime = TimeSpan.FromSeconds(2);

    /// <summary>At most this many keys are cached; beyond, the cache starts over (unknown ids are never cached).</summary>
    internal const int VerificationCacheCapacity = 10_000;

    private readonly RecentReads<VerifiableAccessKey> _verified = new(time, VerificationCacheCapacity);

    /// <summary>The key and the secrets that verify its signatures now; null when it does not exist.</summary>
    public async Task<VerifiableAccessKey?> FindForVerificationAsync(string keyId, CancellationToken cancellationToken)
    {
        if (!IsValidId(keyId))
        {
            return null;
        }

        if (_verified.TryGet(keyId, out var cached))
        {
            return cached;
        }

        var now = time.GetUtcNow();
        var generation = _verified.Generation;
        var stored = await store.FindAsync(keyId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            _verified.Drop(keyId);
            return null;
        }

        var until = now + VerificationCacheTime;
        var secrets = new List<string> { protector.Unprotect(keyId, stored.ProtectedSecret) };
        if (stored.PreviousProtectedSecret is { } previous && stored.PreviousValidUntil is { } previousUntil && previousUntil > now)
        {
            secrets.Add(protector.Unprotect(keyId, previous));
            until = previousUntil < until ? previousUntil : until;
        }

        var found = new VerifiableAccessKey(stored.Key, secrets.AsReadOnly());
        _verified.Remember(keyId, found, until, generation);
        return found;
    }

    /// <summary>Drops the key's cached verification entry (each change through this instance does, after it is stored).</summary>
    private void ForgetVerified(string keyId) => _verified.Forget(keyId);

    /// <summary>Creates a key for a customer (or, with none, an operator key); returns it with its secret, shown only now.</summary>
    public async Task<(AccessKey Key, string Secret)> CreateAsync(
        string actor, string? customerId, IReadOnlyCollection<string> actions, string? description, CancellationToken cancellationToken)
    {
        var owner = string.IsNullOrEmpty(customerId) ? null : CustomerService.RequireId(customerId);
        RequireGrants(actions, owner is not null);
        await RequireHoldsAsync(actor, "create", actor, "a key", actions, cancellationToken).ConfigureAwait(false);
        if (owner is not null && await customers.FindAsync(owner, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new SpeedUpException(ProductErrorCode.InvalidParameters, FailureKind.NotFound, $"No customer '{owner}'.");
        }

        var id = NewKeyId();
        var secret = NewSecret();
        var key = new AccessKey(id, owner, actions.ToList(), true, Description(description), time.GetUtcNow(), null);
        var audit = Audit(actor, "create", id, $"customer={owner ?? "(operator)"} actions={string.Join(',', key.Actions)}");
        if (!await store.CreateAsync(new StoredAccessKey(key, protector.Protect(id, secret), null, null), audit, cancellationToken).ConfigureAwait(false))
        {
            throw new SpeedUpException(ProductErrorCode.SystemError, FailureKind.Internal, "A fresh AccessKeyId collided; try again.");
        }

        return (key, secret);
    }

    /// <summary>Disables (or enables again) a key: a disabled key's calls are refused at once.</summary>
    public async Task<AccessKey> SetEnabledAsync(string actor, string? keyId, bool enabled, CancellationToken cancellationToken)
    {
        var id = RequireId(keyId);
        await RequireAdministrableAsync(actor, enabled ? "enable" : "disable", id, cancellationToken).ConfigureAwait(false);
        try
        {
            return await store.SetEnabledAsync(id, enabled, Audit(actor, enabled ? "enable" : "disable", id, ""), cancellationToken).ConfigureAwait(false)
                ?? throw NotFound(id);
        }
        finally
        {
            ForgetVerified(id);
        }
    }

    /// <summary>Gives the key a new secret (shown only now); the previous one stays valid for <paramref name="grace"/>.</summary>
    public async Task<(AccessKey Key, string Secret)> RotateAsync(string actor, string? keyId, TimeSpan grace, CancellationToken cancellationToken)
    {
        var id = RequireId(keyId);
        if (grace < TimeSpan.Zero || grace > MaxRotationGrace)
        {
            throw SpeedUpException.InvalidParameter($"The grace period must be between 0 and {MaxRotationGrace.TotalSeconds:0} seconds.");
        }

        var stored = await RequireAdministrableAsync(actor, "rotate", id, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var secret = NewSecret();
        var keepPrevious = grace > TimeSpan.Zero;
        AccessKey key;
        try
        {
            key = await store.ReplaceSecretAsync(id, protector.Protect(id, secret),
                keepPrevious ? stored.ProtectedSecret : null, keepPrevious ? now + grace : null, now,
                Audit(actor, "rotate", id, $"previous secret valid for {grace.TotalSeconds:0} s"), cancellationToken).ConfigureAwait(false)
                ?? throw NotFound(id);
        }
        finally
        {
            ForgetVerified(id);
        }

        return (key, secret);
    }

    /// <summary>Deletes a key.</summary>
    public async Task DeleteAsync(string actor, string? keyId, CancellationToken cancellationToken)
    {
        var id = RequireId(keyId);
        await RequireAdministrableAsync(actor, "delete", id, cancellationToken).ConfigureAwait(false);
        bool deleted;
        try
        {
            deleted = await store.DeleteAsync(id, Audit(actor, "delete", id, ""), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ForgetVerified(id);
        }

        if (!deleted)
        {
            throw NotFound(id);
        }
    }

    /// <summary>Keys of one customer, or all — only those whose every action <paramref name="actor"/> holds.</summary>
    public async Task<IReadOnlyList<AccessKey>> ListAsync(string actor, string? customerId, CancellationToken cancellationToken)
    {
        var owner = string.IsNullOrEmpty(customerId) ? null : CustomerService.RequireId(customerId);
        var held = await GrantsOfAsync(actor, cancellationToken).ConfigureAwait(false);
        var keys = await store.ListAsync(owner, cancellationToken).ConfigureAwait(false);
        return keys.Where(k => ActionCatalogue.CoversAll(held, k.Actions)).ToList();
    }

    /// <summary>The latest audit entries (at most 1000), newest first; of one key only when <paramref name="actor"/> may administer it.</summary>
    public async Task<IReadOnlyList<AccessKeyAuditEntry>> AuditAsync(string actor, string? keyId, int limit, CancellationToken cancellationToken)
    {
        if (limit is < 0 or > 1000)
        {
            throw SpeedUpException.InvalidParameter("limit must be 0..1000 (0 = 100).");
        }

        var id = string.IsNullOrEmpty(keyId) ? null : RequireId(keyId);
        if (id is not null && await store.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            await RequireHoldsAsync(actor, "read", id, $"access key '{id}'", stored.Key.Actions, cancellationToken).ConfigureAwait(false);
        }

        return await store.ListAuditAsync(id, limit == 0 ? 100 : limit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks a key id from a request.</summary>
    public static string RequireId(string? keyId) => IsValidId(keyId)
        ? keyId!
        : throw SpeedUpException.InvalidParameter("access_key_id must be 3..64 of [A-Za-z0-9._-].");

    private void RequireGrants(IReadOnlyCollection<string> actions, bool forCustomer)
    {
        var problems = catalogue.Problems(actions, forCustomer);
        if (problems.Count > 0)
        {
            throw SpeedUpException.InvalidParameter("actions: " + string.Join("; ", problems) + ".");
        }
    }

    /// <summary>The key <paramref name="keyId"/>, when <paramref name="actor"/> holds every action of it; else refused (and audited).</summary>
    private async Task<StoredAccessKey> RequireAdministrableAsync(string actor, string action, string keyId, CancellationToken cancellationToken)
    {
        var stored = await store.FindAsync(keyId, cancellationToken).ConfigureAwait(false) ?? throw NotFound(keyId);
        await RequireHoldsAsync(actor, action, keyId, $"access key '{keyId}'", stored.Key.Actions, cancellationToken).ConfigureAwait(false);
        return stored;
    }

    /// <summary>
    /// Refuses (audited under <paramref name="keyId"/>, logged, nothing changed) when <paramref name="actor"/> does not
    /// hold every one of <paramref name="actions"/>. A refused creation is audited under the actor's own key id.
    /// </summary>
    private async Task RequireHoldsAsync(
        string actor, string action, string keyId, string target, IReadOnlyCollection<string> actions, CancellationToken cancellationToken)
    {
        var held = await GrantsOfAsync(actor, cancellationToken).ConfigureAwait(false);
        var missing = actions.Where(a => !ActionCatalogue.Covers(held, a)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var beyond = string.Join(',', missing.Take(8).Select(m => m.Length > 64 || m.Any(char.IsControl) ? "(unprintable)" : m));
        await store.AppendAuditAsync(Audit(actor, "refused-" + action, keyId, $"actor does not hold {beyond}"), cancellationToken).ConfigureAwait(false);
        LogAdministrationRefused(actor, action, keyId);
        throw new SpeedUpException(ProductErrorCode.PermissionDenied, FailureKind.PermissionDenied,
            $"The access key '{actor}' may not {action} {target}: it does not hold {beyond} itself.");
    }

    /// <summary>The actions the acting key holds now (none when it is gone).</summary>
    private async Task<IReadOnlyCollection<string>> GrantsOfAsync(string actor, CancellationToken cancellationToken) =>
        IsValidId(actor) && await store.FindAsync(actor, cancellationToken).ConfigureAwait(false) is { } stored
            ? stored.Key.Actions.ToList()
            : [];

    private AccessKeyAuditEntry Audit(string actor, string action, string keyId, string detail) => new(time.GetUtcNow(), actor, action, keyId, detail);

    private static string NewSecret() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static string NewKeyId() => "AK" + Convert.ToHexString(RandomNumberGenerator.GetBytes(10));

    internal static string Description(string? description) => (description ?? "").Trim() is { Length: <= 256 } trimmed && !trimmed.Any(char.IsControl)
        ? trimmed
        : throw SpeedUpException.InvalidParameter("description must be at most 256 printable characters.");

    private static SpeedUpException NotFound(string id) => new(ProductErrorCode.InvalidParameters, FailureKind.NotFound, $"No access key '{id}'.");

    [GeneratedRegex(@"^[A-Za-z0-9._-]{3,64}\z")]
    private static partial Regex IdPattern();

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Access key {Actor} refused to {Action} access key {KeyId}: beyond its own grants")]
    private partial void LogAdministrationRefused(string actor, string action, string keyId);
}
