using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Customers;
using SpeedUp.Core.Errors;

namespace SpeedUp.Core.Access;

/// <summary>
/// Access keys: creation, disabling, rotation and deletion (each audited with the acting key), provisioning from
/// configuration, and the lookup that signature verification needs.
/// </summary>
public sealed partial class AccessKeyService(
    IAccessKeyStore store,
    ICustomerStore customers,
    ISecretProtector protector,
    ActionCatalogue catalogue,
    IOptions<SecurityOptions> options,
    TimeProvider time,
    ILogger<AccessKeyService> logger)
{
    /// <summary>Actor name of changes made by configuration at start-up.</summary>
    public const string ConfigurationActor = "configuration";

    /// <summary>Longest grace period a rotation may leave the previous secret valid.</summary>
    public static readonly TimeSpan MaxRotationGrace = TimeSpan.FromDays(7);

    /// <summary>Whether <paramref name="keyId"/> is a well-formed AccessKeyId (3..64 of <c>[A-Za-z0-9._-]</c>).</summary>
    public static bool IsValidId(string? keyId) => keyId is not null && IdPattern().IsMatch(keyId);

    /// <summary>The key and the secrets that verify its signatures now; null when it does not exist.</summary>
    public async Task<VerifiableAccessKey?> FindForVerificationAsync(string keyId, CancellationToken cancellationToken)
    {
        if (!IsValidId(keyId))
        {
            return null;
        }

        var stored = await store.FindAsync(keyId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        var secrets = new List<string> { protector.Unprotect(keyId, stored.ProtectedSecret) };
        if (stored.PreviousProtectedSecret is { } previous && stored.PreviousValidUntil > time.GetUtcNow())
        {
            secrets.Add(protector.Unprotect(keyId, previous));
        }

        return new VerifiableAccessKey(stored.Key, secrets);
    }

    /// <summary>Creates a key for a customer (or, with none, an operator key); returns it with its secret, shown only now.</summary>
    public async Task<(AccessKey Key, string Secret)> CreateAsync(
        string actor, string? customerId, IReadOnlyCollection<string> actions, string? description, CancellationToken cancellationToken)
    {
        var owner = string.IsNullOrEmpty(customerId) ? null : CustomerService.RequireId(customerId);
        RequireGrants(actions, owner is not null);
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
        return await store.SetEnabledAsync(id, enabled, Audit(actor, enabled ? "enable" : "disable", id, ""), cancellationToken).ConfigureAwait(false)
            ?? throw NotFound(id);
    }

    /// <summary>Gives the key a new secret (shown only now); the previous one stays valid for <paramref name="grace"/>.</summary>
    public async Task<(AccessKey Key, string Secret)> RotateAsync(string actor, string? keyId, TimeSpan grace, CancellationToken cancellationToken)
    {
        var id = RequireId(keyId);
        if (grace < TimeSpan.Zero || grace > MaxRotationGrace)
        {
            throw SpeedUpException.InvalidParameter($"The grace period must be between 0 and {MaxRotationGrace.TotalSeconds:0} seconds.");
        }

        var stored = await store.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
        var now = time.GetUtcNow();
        var secret = NewSecret();
        var keepPrevious = grace > TimeSpan.Zero;
        var key = await store.ReplaceSecretAsync(id, protector.Protect(id, secret),
            keepPrevious ? stored.ProtectedSecret : null, keepPrevious ? now + grace : null, now,
            Audit(actor, "rotate", id, $"previous secret valid for {grace.TotalSeconds:0} s"), cancellationToken).ConfigureAwait(false)
            ?? throw NotFound(id);
        return (key, secret);
    }

    /// <summary>Deletes a key.</summary>
    public async Task DeleteAsync(string actor, string? keyId, CancellationToken cancellationToken)
    {
        var id = RequireId(keyId);
        if (!await store.DeleteAsync(id, Audit(actor, "delete", id, ""), cancellationToken).ConfigureAwait(false))
        {
            throw NotFound(id);
        }
    }

    /// <summary>Keys of one customer, or all.</summary>
    public Task<IReadOnlyList<AccessKey>> ListAsync(string? customerId, CancellationToken cancellationToken) =>
        store.ListAsync(string.IsNullOrEmpty(customerId) ? null : CustomerService.RequireId(customerId), cancellationToken);

    /// <summary>The latest audit entries (at most 1000), newest first.</summary>
    public Task<IReadOnlyList<AccessKeyAuditEntry>> AuditAsync(string? keyId, int limit, CancellationToken cancellationToken)
    {
        if (limit is < 0 or > 1000)
        {
            throw SpeedUpException.InvalidParameter("limit must be 0..1000 (0 = 100).");
        }

        return store.ListAuditAsync(string.IsNullOrEmpty(keyId) ? null : RequireId(keyId), limit == 0 ? 100 : limit, cancellationToken);
    }

    /// <summary>Provisions <c>SpeedUp:Security:BootstrapKeys</c> whose secret variable is set (others are skipped, with a warning).</summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var seed in options.Value.BootstrapKeys)
        {
            var secret = Environment.GetEnvironmentVariable(seed.SecretEnvironmentVariable);
            if (string.IsNullOrEmpty(secret))
            {
                LogBootstrapSkipped(seed.Id, seed.SecretEnvironmentVariable);
                continue;
            }

            var owner = string.IsNullOrEmpty(seed.CustomerId) ? null : seed.CustomerId;
            var key = new AccessKey(seed.Id, owner, seed.Actions.ToList(), true, Description(seed.Description), time.GetUtcNow(), null);
            await store.UpsertAsync(new StoredAccessKey(key, protector.Protect(seed.Id, secret), null, null),
                Audit(ConfigurationActor, "provision", seed.Id, $"customer={owner ?? "(operator)"} actions={string.Join(',', key.Actions)}"),
                cancellationToken).ConfigureAwait(false);
        }
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

    private AccessKeyAuditEntry Audit(string actor, string action, string keyId, string detail) => new(time.GetUtcNow(), actor, action, keyId, detail);

    private static string NewSecret() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static string NewKeyId() => "AK" + Convert.ToHexString(RandomNumberGenerator.GetBytes(10));

    private static string Description(string? description) => (description ?? "").Trim() is { Length: <= 256 } trimmed && !trimmed.Any(char.IsControl)
        ? trimmed
        : throw SpeedUpException.InvalidParameter("description must be at most 256 printable characters.");

    private static SpeedUpException NotFound(string id) => new(ProductErrorCode.InvalidParameters, FailureKind.NotFound, $"No access key '{id}'.");

    [GeneratedRegex(@"^[A-Za-z0-9._-]{3,64}\z")]
    private static partial Regex IdPattern();

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Bootstrap access key {KeyId} not provisioned: the environment variable {Variable} is not set")]
    private partial void LogBootstrapSkipped(string keyId, string variable);
}
