using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using SpeedUp.Signing;

namespace SpeedUp.Testing;

/// <summary>One webhook request as a receiver saw it.</summary>
/// <param name="Body">The raw body.</param>
/// <param name="ContentType">The Content-Type header.</param>
/// <param name="Signature">The X-SpeedUp-Signature header.</param>
/// <param name="Check">The signature check with the receiver's secret at receipt.</param>
/// <param name="Answered">The status the receiver answered.</param>
/// <param name="ReceivedAt">When it arrived (the receiver's clock).</param>
/// <param name="ReceivedTicks">When it arrived (<see cref="Stopwatch.GetTimestamp"/>).</param>
public sealed record ReceivedWebhook(byte[] Body, string? ContentType, string? Signature, WebhookSignatureCheck Check, int Answered, DateTimeOffset ReceivedAt, long ReceivedTicks)
{
    /// <summary>The CloudEvent as JSON.</summary>
    public JsonElement Event => JsonDocument.Parse(Body).RootElement;

    /// <summary>The CloudEvent id.</summary>
    public string Id => Event.GetProperty("id").GetString()!;
}

/// <summary>
/// A webhook receiver on 127.0.0.1 (HttpListener on a free port) as a customer would run it: it checks each request's
/// signature with the sink's secret (<see cref="WebhookSignature.Verify"/>) and de-duplicates accepted events by their
/// CloudEvent id. It can be made to fail: <see cref="FailNext"/> requests are answered 503, or every one while
/// <see cref="Down"/> is set.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly TimeProvider _clock;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentDictionary<string, ReceivedWebhook> _accepted = new(StringComparer.Ordinal);
    private int _failNext;

    private WebhookReceiver(int port, TimeProvider clock)
    {
        _clock = clock;
        Url = $"http://127.0.0.1:{port}/hooks/speedup?tenant=demo";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    /// <summary>The URL to register.</summary>
    public string Url { get; }

    /// <summary>The sink's secret, once known (until then every request counts as forged).</summary>
    public string? Secret { get; set; }

    /// <summary>While set, every request is answered 503.</summary>
    public bool Down { get; set; }

    /// <summary>While set (and not <see cref="Down"/>), every request is answered with this status; a 3xx points back at <see cref="Url"/>.</summary>
    public int? Answer { get; set; }

    /// <summary>Answers the next <paramref name="count"/> requests 503.</summary>
    public void FailNext(int count) => Volatile.Write(ref _failNext, count);

    /// <summary>Every request received, in arrival order.</summary>
    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    /// <summary>The events accepted (2xx, valid signature), once each: the receiver's de-duplicated view, by id.</summary>
    public IReadOnlyDictionary<string, ReceivedWebhook> Accepted => _accepted;

    /// <summary>Starts a receiver that checks signatures against <paramref name="clock"/>.</summary>
    public static WebhookReceiver Start(TimeProvider? clock = null)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new WebhookReceiver(port, clock ?? TimeProvider.System);
    }

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body).ConfigureAwait(false);
            var bytes = body.ToArray();
            var signature = context.Request.Headers[WebhookSignature.HeaderName];
            var check = Secret is { } secret ? WebhookSignature.Verify(secret, signature, bytes, _clock.GetUtcNow()) : WebhookSignatureCheck.Forged;
            var status = Down || Interlocked.Decrement(ref _failNext) >= 0 ? 503 : Answer ?? (check == WebhookSignatureCheck.Valid ? 204 : 401);
            if (status is >= 300 and < 400)
            {
                context.Response.RedirectLocation = Url;
            }

            var received = new ReceivedWebhook(bytes, context.Request.ContentType, signature, check, status, _clock.GetUtcNow(), Stopwatch.GetTimestamp());
            _received.Enqueue(received);
            if (status == 204)
            {
                _accepted.TryAdd(received.Id, received);
            }

            context.Response.StatusCode = status;
        }
        finally
        {
            context.Response.Close();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(false);
    }
}
