using System.Net;

namespace SpeedUp.Protocols.Radius;

/// <summary>Settings of a <see cref="RadiusServer"/>; checked by <see cref="Validate"/> when the server is created.</summary>
public sealed class RadiusServerOptions
{
    /// <summary>Where to listen. Default 127.0.0.1:3799 (the CoA port of RFC 5176 §2.3); port 0 picks a free one.</summary>
    public IPEndPoint LocalEndpoint { get; set; } = new(IPAddress.Loopback, 3799);

    /// <summary>The peers allowed to send requests, one secret per source address. Requests from others are dropped.</summary>
    public IList<RadiusServerClient> Clients { get; } = [];

    /// <summary>
    /// How long a request is remembered by (source address and port, identifier, Request Authenticator): a copy that
    /// arrives within it gets the cached answer again instead of being acted on twice. Default 30 s; 1 s..10 min.
    /// </summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most requests remembered for duplicate detection; the oldest go first. Default 4096; 16..1,000,000.</summary>
    public int MaxRememberedRequests { get; set; } = 4096;

    /// <summary>Whether requests without a Message-Authenticator are dropped. Default false.</summary>
    public bool RequireMessageAuthenticator { get; set; }

    /// <summary>The clock of the duplicate window. Default <see cref="System.TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>What is wrong with these settings; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (LocalEndpoint is null)
        {
            problems.Add("LocalEndpoint is required.");
        }

        if (Clients.Count == 0)
        {
            problems.Add("At least one client (source address and secret) is required.");
        }

        if (Clients.Any(c => c?.Address is null || c.Secret is null))
        {
            problems.Add("Every client needs an address and a secret.");
        }
        else if (Clients.GroupBy(c => c.Address).Any(g => g.Count() > 1))
        {
            problems.Add("Each client address may appear once.");
        }

        if (DuplicateWindow < TimeSpan.FromSeconds(1) || DuplicateWindow > TimeSpan.FromMinutes(10))
        {
            problems.Add("DuplicateWindow must be 1 s..10 min.");
        }

        if (MaxRememberedRequests is < 16 or > 1_000_000)
        {
            problems.Add("MaxRememberedRequests must be 16..1,000,000.");
        }

        if (TimeProvider is null)
        {
            problems.Add("TimeProvider is required.");
        }

        return problems;
    }
}
