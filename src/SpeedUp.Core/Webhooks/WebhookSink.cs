namespace SpeedUp.Core.Webhooks;

/// <summary>
/// A customer's webhook endpoint: the customer's session events after <see cref="AfterSequence"/> are delivered to
/// <see cref="Url"/>, signed with the sink's secret. The secret is held only protected (<see cref="ProtectedSecret"/>,
/// by <see cref="Access.ISecretProtector"/> under <see cref="WebhookSecrets.ProtectionIdOf"/>) and never listed.
/// </summary>
/// <param name="Id">The sink's id (<c>whk_</c> + 24 hex digits).</param>
/// <param name="CustomerId">The customer whose events the sink receives.</param>
/// <param name="Url">The validated absolute URL events are POSTed to.</param>
/// <param name="ProtectedSecret">The signing secret, encrypted at rest.</param>
/// <param name="CreatedAt">When the sink was registered.</param>
/// <param name="AfterSequence">The outbox position up to which the customer's events have been queued for this sink.</param>
public sealed record WebhookSink(string Id, string CustomerId, string Url, byte[] ProtectedSecret, DateTimeOffset CreatedAt, long AfterSequence);
