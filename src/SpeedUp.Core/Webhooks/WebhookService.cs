using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Access;
using SpeedUp.Core.Customers;
using SpeedUp.Core.Errors;

namespace SpeedUp.Core.Webhooks;

/// <summary>
/// The operator's view of webhooks: registering a customer's sink (the URL checked by <see cref="WebhookUrlPolicy"/>,
/// the secret made here and shown once), listing and deleting sinks, the deliveries of a sink, and replays.
/// </summary>
public sealed partial class WebhookService(
    IWebhookStore store,
    ICustomerStore customers,
    ISecretProtector protector,
    WebhookUrlPolicy urls,
    IOptionsMonitor<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookService> logger)
{
    /// <summary>The most deliveries one listing returns.</summary>
    public const int MaxListLimit = 500;

    /// <summary>The most sequences one replay names.</summary>
    public const int MaxReplaySequences = 1000;

    /// <summary>Registers a sink for the customer; returns it with its secret (shown only now). Nothing is stored when the URL is refused.</summary>
    public async Task<(WebhookSink Sink, string Secret)> CreateAsync(string? customerId, string? url, CancellationToken cancellationToken)
    {
        var owner = CustomerService.RequireId(customerId);
        var uri = urls.Require(url);
        if (await customers.FindAsync(owner, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new SpeedUpException(ProductErrorCode.InvalidParameters, FailureKind.NotFound, $"No customer '{owner}'.");
        }

        var existing = await store.ListSinksAsync(owner, cancellationToken).ConfigureAwait(false);
        if (existing.Count >= options.CurrentValue.MaxSinksPerCustomer)
        {
            throw new SpeedUpException(ProductErrorCode.InvalidParameters, FailureKind.FailedPrecondition,
                $"Customer '{owner}' already has {existing.Count} webhook sinks, the most allowed (delete one first).");
        }

        var id = WebhookSecrets.NewSinkId();
        var secret = WebhookSecrets.New();
        var sink = new WebhookSink(id, owner, uri.AbsoluteUri, protector.Protect(WebhookSecrets.ProtectionIdOf(id), secret), time.GetUtcNow(), 0);
        var stored = await store.CreateSinkAsync(sink, cancellationToken).ConfigureAwait(false);
        LogSinkCreated(id, owner, uri.IdnHost);
        return (stored, secret);
    }

    /// <summary>The customer's sinks (never their secrets).</summary>
    public Task<IReadOnlyList<WebhookSink>> ListAsync(string? customerId, CancellationToken cancellationToken) =>
        store.ListSinksAsync(CustomerService.RequireId(customerId), cancellationToken);

    /// <summary>Gives the sink a new secret, returned only now; the old one stops signing at once.</summary>
    public async Task<(WebhookSink Sink, string Secret)> RotateSecretAsync(string? sinkId, CancellationToken cancellationToken)
    {
        var sink = await RequireAsync(sinkId, cancellationToken).ConfigureAwait(false);
        var secret = WebhookSecrets.New();
        var protectedSecret = protector.Protect(WebhookSecrets.ProtectionIdOf(sink.Id), secret);
        if (!await store.SetSecretAsync(sink.Id, protectedSecret, cancellationToken).ConfigureAwait(false))
        {
            throw NotFound(sink.Id);
        }

        LogSecretRotated(sink.Id);
        return (sink with { ProtectedSecret = protectedSecret }, secret);
    }

    /// <summary>Deletes a sink and its deliveries.</summary>
    public async Task DeleteAsync(string? sinkId, CancellationToken cancellationToken)
    {
        var id = RequireSinkId(sinkId);
        if (!await store.DeleteSinkAsync(id, cancellationToken).ConfigureAwait(false))
        {
            throw NotFound(id);
        }

        LogSinkDeleted(id);
    }

    /// <summary>The sink's deliveries, latest attempts first; <paramref name="limit"/> 0 means 50.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> DeliveriesAsync(string? sinkId, WebhookDeliveryState? state, int limit, CancellationToken cancellationToken)
    {
        if (limit is < 0 or > MaxListLimit)
        {
            throw SpeedUpException.InvalidParameter($"limit must be between 0 and {MaxListLimit}.");
        }

        var sink = await RequireAsync(sinkId, cancellationToken).ConfigureAwait(false);
        return await store.ListDeliveriesAsync(sink.Id, state, limit == 0 ? 50 : limit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts the given deliveries (or, with none given, every dead-lettered one) of the sink back to pending, due now; returns how many.</summary>
    public async Task<int> ReplayAsync(string? sinkId, IReadOnlyCollection<long> sequences, CancellationToken cancellationToken)
    {
        if (sequences.Count > MaxReplaySequences || sequences.Any(s => s <= 0))
        {
            throw SpeedUpException.InvalidParameter($"sequences must be at most {MaxReplaySequences} positive event sequences.");
        }

        var sink = await RequireAsync(sinkId, cancellationToken).ConfigureAwait(false);
        var replayed = await store.ReplayAsync(sink.Id, sequences.Distinct().ToList(), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        LogReplayed(sink.Id, replayed);
        return replayed;
    }

    private async Task<WebhookSink> RequireAsync(string? sinkId, CancellationToken cancellationToken)
    {
        var id = RequireSinkId(sinkId);
        return await store.FindSinkAsync(id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
    }

    private static string RequireSinkId(string? sinkId) =>
        sinkId is { Length: 28 } && sinkId.StartsWith("whk_", StringComparison.Ordinal) && sinkId[4..].All(char.IsAsciiHexDigitLower)
            ? sinkId
            : throw SpeedUpException.InvalidParameter("sink_id is not a webhook sink id (whk_ and 24 lower-case hex digits).");

    private static SpeedUpException NotFound(string id) => new(ProductErrorCode.InvalidParameters, FailureKind.NotFound, $"No webhook sink '{id}'.");

    [LoggerMessage(EventId = 1821, Level = LogLevel.Information, Message = "Webhook sink {SinkId} registered for customer {CustomerId} (host {Host})")]
    private partial void LogSinkCreated(string sinkId, string customerId, string host);

    [LoggerMessage(EventId = 1822, Level = LogLevel.Information, Message = "Webhook sink {SinkId} has a new secret")]
    private partial void LogSecretRotated(string sinkId);

    [LoggerMessage(EventId = 1823, Level = LogLevel.Information, Message = "Webhook sink {SinkId} deleted")]
    private partial void LogSinkDeleted(string sinkId);

    [LoggerMessage(EventId = 1824, Level = LogLevel.Information, Message = "Webhook sink {SinkId}: {Count} deliveries replayed")]
    private partial void LogReplayed(string sinkId, int count);
}
