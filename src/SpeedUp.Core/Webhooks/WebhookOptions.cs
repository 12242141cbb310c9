namespace SpeedUp.Core.Webhooks;

/// <summary>Webhook sinks and their delivery (<c>SpeedUp:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "SpeedUp:Webhooks";

    /// <summary>Hosts a sink URL may name: exact names (<c>hooks.example.com</c>, <c>127.0.0.1</c>) or <c>*.example.com</c> (any subdomain). Empty: no sink can be registered.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>Whether <c>http://</c> sink URLs are accepted (otherwise <c>https://</c> only).</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Attempts of one delivery before it is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>The backoff ceiling after the first failure (doubled per further failure, full jitter).</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The largest backoff ceiling.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long one POST may take (connect, send, answer).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most deliveries one pass claims.</summary>
    public int ClaimBatch { get; set; } = 100;

    /// <summary>Most POSTs in flight at once on this instance.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>How long a claim keeps other instances off a delivery (must exceed <see cref="Timeout"/>).</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often due deliveries and other instances' events are looked for (this instance's events wake the dispatcher at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most sinks one customer may register.</summary>
    public int MaxSinksPerCustomer { get; set; } = 10;

    /// <summary>The CloudEvents <c>source</c> of every event (a URI reference naming this service).</summary>
    public string Source { get; set; } = "urn:broadband:speedup";
}
