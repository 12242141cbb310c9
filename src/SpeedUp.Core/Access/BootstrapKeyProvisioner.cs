using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SpeedUp.Core.Access;

/// <summary>
/// Provisions <c>SpeedUp:Security:BootstrapKeys</c> at start-up. A bootstrap key is created only when it is absent and
/// was never deleted (a <c>delete</c> in its audit log is its tombstone); an existing key — disabled, rotated or with
/// other grants since — is left exactly as the admin API left it. <see cref="BootstrapKeyOptions.Recover"/> is the
/// explicit, logged way back: it re-creates the key from configuration (enabled, the environment's secret). A secret
/// below <see cref="BootstrapSecretStrength.MinimumBytes"/> stops start-up, naming the key and the variable only.
/// </summary>
public sealed partial class BootstrapKeyProvisioner(
    IAccessKeyStore store,
    ISecretProtector protector,
    IOptions<SecurityOptions> options,
    TimeProvider time,
    ILogger<BootstrapKeyProvisioner> logger)
{
    /// <summary>The audit action that marks a key as deleted.</summary>
    private const string DeleteAction = "delete";

    /// <summary>Provisions every bootstrap key whose secret variable is set (others are skipped, with a warning).</summary>
    /// <exception cref="InvalidOperationException">A bootstrap secret is too weak; the message names the key and its variable.</exception>
    public async Task ProvisionAsync(CancellationToken cancellationToken)
    {
        var seeds = options.Value.BootstrapKeys;
        for (var i = 0; i < seeds.Count; i++)
        {
            var seed = seeds[i];
            var secret = Environment.GetEnvironmentVariable(seed.SecretEnvironmentVariable);
            if (string.IsNullOrEmpty(secret))
            {
                LogSkipped(seed.Id, seed.SecretEnvironmentVariable);
                continue;
            }

            if (!BootstrapSecretStrength.IsStrong(secret))
            {
                throw new InvalidOperationException(
                    $"SpeedUp:Security:BootstrapKeys:{i}: the secret of bootstrap key '{seed.Id}' in the environment variable " +
                    $"{seed.SecretEnvironmentVariable} carries fewer than {BootstrapSecretStrength.MinimumBytes} bytes " +
                    "(hex and base64 count decoded bytes); generate 32 random bytes, e.g. base64url of /dev/urandom.");
            }

            await ProvisionAsync(seed, secret, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ProvisionAsync(BootstrapKeyOptions seed, string secret, CancellationToken cancellationToken)
    {
        var owner = string.IsNullOrEmpty(seed.CustomerId) ? null : seed.CustomerId;
        var key = new AccessKey(seed.Id, owner, seed.Actions.ToList(), true, AccessKeyService.Description(seed.Description), time.GetUtcNow(), null);
        var stored = new StoredAccessKey(key, protector.Protect(seed.Id, secret), null, null);
        var detail = $"customer={owner ?? "(operator)"} actions={string.Join(',', key.Actions)}";
        if (seed.Recover)
        {
            LogRecovered(seed.Id, seed.SecretEnvironmentVariable);
            await store.UpsertAsync(stored, Audit("recover", seed.Id, detail), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (await store.FindAsync(seed.Id, cancellationToken).ConfigureAwait(false) is not null)
        {
            LogKept(seed.Id);
            return;
        }

        if (await WasDeletedAsync(seed.Id, cancellationToken).ConfigureAwait(false))
        {
            LogDeletedKeyNotRecreated(seed.Id);
            return;
        }

        if (!await store.CreateAsync(stored, Audit("provision", seed.Id, detail), cancellationToken).ConfigureAwait(false))
        {
            LogKept(seed.Id); // another instance created it first
        }
    }

    /// <summary>Whether the audit log records the key's deletion (an absent key can only have been deleted since).</summary>
    private async Task<bool> WasDeletedAsync(string keyId, CancellationToken cancellationToken)
    {
        var history = await store.ListAuditAsync(keyId, 1000, cancellationToken).ConfigureAwait(false);
        return history.Any(e => e.Action == DeleteAction);
    }

    private AccessKeyAuditEntry Audit(string action, string keyId, string detail) =>
        new(time.GetUtcNow(), AccessKeyService.ConfigurationActor, action, keyId, detail);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Bootstrap access key {KeyId} not provisioned: the environment variable {Variable} is not set")]
    private partial void LogSkipped(string keyId, string variable);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information,
        Message = "Bootstrap access key {KeyId} exists: left as it is (enabled state, secret and grants are managed through AccessKeyAdmin)")]
    private partial void LogKept(string keyId);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
        Message = "Bootstrap access key {KeyId} was deleted through AccessKeyAdmin: not re-created (set its Recover to true to bring it back)")]
    private partial void LogDeletedKeyNotRecreated(string keyId);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning,
        Message = "Bootstrap access key {KeyId} RECOVERED from configuration (Recover=true): re-created enabled with the secret of {Variable}, undoing any disable, rotation or delete; remove Recover once done")]
    private partial void LogRecovered(string keyId, string variable);
}
