using System.Net;
using Microsoft.Extensions.Logging;
using SpeedUp.Protocols.Radius;

namespace SpeedUp.Simulator;

/// <summary>
/// The simulated BRAS's RADIUS Change-of-Authorization face: a <see cref="RadiusServer"/> on UDP (127.0.0.1 by
/// default) taking CoA-Request and Disconnect-Request from one client, acting on the same <see cref="BrasState"/> as
/// the CLI and SNMP faces (<see cref="CoaRequestHandler"/>). Requests with a bad authenticator or from the wrong
/// address are dropped silently and counted (<see cref="DroppedRequests"/>).
/// </summary>
public sealed class CoaFace : IAsyncDisposable
{
    private readonly RadiusServer _server;
    private readonly CoaDropCounter _drops;

    private CoaFace(RadiusServer server, CoaDropCounter drops)
    {
        _server = server;
        _drops = drops;
    }

    /// <summary>Where the face listens.</summary>
    public IPEndPoint Endpoint => _server.LocalEndpoint;

    /// <summary>Requests dropped without an answer by the RADIUS checks (wrong secret, unknown client, malformed).</summary>
    public long DroppedRequests => _drops.Total;

    /// <summary>The same, by reason (<c>bad_authenticator</c>, <c>unknown_client</c>, <c>malformed</c>, …).</summary>
    public IReadOnlyDictionary<string, long> DroppedByReason => _drops.ByReason;

    /// <summary>Binds the face.</summary>
    /// <exception cref="ArgumentException">No secret, or the dictionaries cannot be read.</exception>
    /// <exception cref="InvalidOperationException">The endpoint cannot be bound.</exception>
    internal static CoaFace Start(CoaFaceOptions options, BrasState state, SimulatorFaults faults, ReceivedLog received, ILoggerFactory loggers)
    {
        if (string.IsNullOrEmpty(options.Secret))
        {
            throw new ArgumentException("The CoA face needs a shared secret (CoaFaceOptions.Secret).", nameof(options));
        }

        RadiusDictionary dictionary;
        try
        {
            dictionary = RadiusDictionary.Load(CoaRateAttribute.DictionaryFiles.Select(f => Path.Combine(options.DictionaryDirectory, f)));
        }
        catch (RadiusDictionaryException e)
        {
            throw new ArgumentException("The CoA face cannot load the FreeRADIUS dictionaries (freeradius-common, scripts/setup.sh): " + e.Message, nameof(options), e);
        }

        var handler = new CoaRequestHandler(state, faults, received, dictionary);
        var serverOptions = new RadiusServerOptions
        {
            LocalEndpoint = options.Endpoint,
            RequireMessageAuthenticator = options.RequireMessageAuthenticator,
            Clients = { new RadiusServerClient(options.ClientAddress, new RadiusSharedSecret(options.Secret)) },
        };
        var drops = new CoaDropCounter();
        try
        {
            return new CoaFace(new RadiusServer(serverOptions, handler.HandleAsync, dictionary, loggers.CreateLogger<RadiusServer>(), drops), drops);
        }
        catch (RadiusTransportException e)
        {
            drops.Dispose();
            throw new InvalidOperationException($"The CoA face cannot bind UDP {options.Endpoint}: {e.Message}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _drops.Dispose();
    }
}
