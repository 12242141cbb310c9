using System.Net;

namespace SpeedUp.Protocols.Radius;

/// <summary>Settings of a <see cref="RadiusClient"/>; checked by <see cref="Validate"/> when the client is created.</summary>
public sealed class RadiusClientOptions
{
    /// <summary>How long to wait for the answer to one attempt. Default 3 s; more than zero, at most 60 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How many times a request is sent again (same identifier and octets) after a timeout. Default 2; 0..10.</summary>
    public int Retries { get; set; } = 2;

    /// <summary>Whether requests carry a Message-Authenticator (RFC 3579 §3.2). Default true.</summary>
    public bool AddMessageAuthenticator { get; set; } = true;

    /// <summary>Whether responses without a Message-Authenticator are dropped. Default false (many NAS do not send one).</summary>
    public bool RequireMessageAuthenticator { get; set; }

    /// <summary>The local address and port of the client's one socket. Default 0.0.0.0, any free port.</summary>
    public IPEndPoint LocalEndpoint { get; set; } = new(IPAddress.Any, 0);

    /// <summary>The clock of attempt timeouts. Default <see cref="System.TimeProvider.System"/> (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// How long a request sent to a server is remembered by its identifier and Request Authenticator. A NAS takes a
    /// request equal in server, source port, identifier and authenticator to one it saw within its duplicate window for a
    /// retransmission and answers from its cache without acting (RFC 5080 §2.2.2); a CoA-Request's authenticator is a
    /// hash of its content, so the same change sent again on a reused identifier would not be acted on. Within this window
    /// the client gives such a request another identifier. Default 30 s (at least the NAS's window); 1 s..10 min.
    /// </summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Asked before anything is sent: returns why the server must not be reached (the request fails with
    /// <see cref="RadiusTransportException"/> and nothing leaves the machine), or null to go ahead. Default null: any server.
    /// </summary>
    public Func<IPEndPoint, string?>? TargetPolicy { get; set; }

    /// <summary>What is wrong with these settings; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromSeconds(60))
        {
            problems.Add("Timeout must be more than zero and at most 60 s.");
        }

        if (Retries is < 0 or > 10)
        {
            problems.Add("Retries must be 0..10.");
        }

        if (DuplicateWindow < TimeSpan.FromSeconds(1) || DuplicateWindow > TimeSpan.FromMinutes(10))
        {
            problems.Add("DuplicateWindow must be 1 s..10 min.");
        }

        if (LocalEndpoint is null)
        {
            problems.Add("LocalEndpoint is required.");
        }

        if (TimeProvider is null)
        {
            problems.Add("TimeProvider is required.");
        }

        return problems;
    }
}
