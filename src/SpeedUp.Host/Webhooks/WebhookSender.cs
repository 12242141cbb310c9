using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using SpeedUp.Core.Webhooks;
using SpeedUp.Signing;

namespace SpeedUp.Host.Webhooks;

/// <summary>What one POST got: the HTTP status (null when none came) and, unless 2xx, a short error without the URL.</summary>
public sealed record WebhookSendResult(int? Status, string? Error)
{
    /// <summary>Whether the sink took the event (2xx).</summary>
    public bool Delivered => Status is >= 200 and < 300;
}

/// <summary>
/// POSTs one signed body to a sink (HttpClient <see cref="ClientName"/>: no redirects followed, no cookies), within
/// <see cref="WebhookOptions.Timeout"/>. Never throws for the sink's failures: they come back as a result.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptionsMonitor<WebhookOptions> options, TimeProvider time)
{
    /// <summary>The named HttpClient of webhook deliveries.</summary>
    public const string ClientName = "SpeedUp.Webhooks";

    /// <summary>Sends <paramref name="body"/> to <paramref name="url"/>, signed with <paramref name="secret"/> now.</summary>
    public async Task<WebhookSendResult> SendAsync(Uri url, string secret, ReadOnlyMemory<byte> body, string contentType, CancellationToken cancellationToken)
    {
        var timeout = options.CurrentValue.Timeout;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ReadOnlyMemoryContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, WebhookSignature.Sign(secret, body.Span, time.GetUtcNow()));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("SpeedUp-Webhooks", "1"));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await clients.CreateClient(ClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return new WebhookSendResult(status, response.IsSuccessStatusCode ? null : $"HTTP {status}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookSendResult(null, $"no answer within {timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            return new WebhookSendResult(null, $"request failed: {e.HttpRequestError}");
        }
    }
}
