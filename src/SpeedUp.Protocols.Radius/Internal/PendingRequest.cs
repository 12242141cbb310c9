using System.Net;

namespace SpeedUp.Protocols.Radius.Internal;

/// <summary>A request in flight: where it went, with which secret and authenticator, and its answer once one arrives.</summary>
internal sealed class PendingRequest(IPEndPoint server, RadiusSharedSecret secret, RadiusCode code, byte[] requestAuthenticator)
{
    private readonly TaskCompletionSource<RadiusPacket> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IPEndPoint Server { get; } = server;

    public RadiusSharedSecret Secret { get; } = secret;

    public RadiusCode Code { get; } = code;

    public ReadOnlySpan<byte> RequestAuthenticator => requestAuthenticator;

    public Task<RadiusPacket> Response => _completion.Task;

    /// <summary>Completes with <paramref name="response"/>; false when an answer came already (a duplicate).</summary>
    public bool TryComplete(RadiusPacket response) => _completion.TrySetResult(response);
}
