using System.Collections.Concurrent;
using System.Net;
using SpeedUp.Protocols.Radius;

namespace SpeedUp.Drivers.Coa.Tests;

/// <summary>
/// A NAS in this process: our <see cref="RadiusServer"/> on 127.0.0.1:&lt;free port&gt; whose answer each test chooses,
/// and the read face (<see cref="FakeReadDriver"/>) it changes on an ACK, like a BRAS.
/// </summary>
internal sealed class FakeNas : IAsyncDisposable
{
    public const string Secret = "fake-nas-secret-Q7";

    private readonly RadiusServer _server;

    public FakeNas()
    {
        Dictionary = HuaweiCoaDriverFactory.Definition is var d ? CoaVendor.Compile(d, CoaDriverFactory.DefaultDictionaryDirectory).Dictionary : null!;
        var options = new RadiusServerOptions { LocalEndpoint = new IPEndPoint(IPAddress.Loopback, 0) };
        options.Clients.Add(new RadiusServerClient(IPAddress.Loopback, new RadiusSharedSecret(Secret)));
        _server = new RadiusServer(options, HandleAsync, Dictionary);
    }

    public RadiusDictionary Dictionary { get; }

    public FakeReadDriver Reads { get; } = new();

    public ConcurrentQueue<RadiusPacket> Received { get; } = new();

    /// <summary>The answer to the next requests; default: apply the Huawei rate and ACK.</summary>
    public Func<RadiusPacket, RadiusReply>? Answer { get; set; }

    public TaskCompletionSource RequestArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Port => _server.LocalEndpoint.Port;

    /// <summary>A channel to this NAS: Coa:Port, inline secret (loopback), Coa:ReadDriver = the fake read face.</summary>
    public DeviceOptions Channel(TimeSpan? attemptTimeout = null, int retries = 0)
    {
        var channel = new DeviceOptions { Name = "ct-coa-unit", Host = "127.0.0.1", Port = 22, OperationTimeout = TimeSpan.FromSeconds(30) };
        channel.Coa.Port = Port;
        channel.Coa.Secret = Secret;
        channel.Coa.ReadDriver = FakeReadDriver.Name;
        channel.Coa.Retries = retries;
        channel.Coa.AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(5);
        return channel;
    }

    /// <summary>Applies Huawei-Input/Output-Average-Rate (bit/s) to the read face's line named by User-Name.</summary>
    public RadiusReply Apply(RadiusPacket request)
    {
        var account = request.Find(RadiusAttributeTypes.UserName)!.GetString();
        if (!Reads.Has(account))
        {
            return RadiusReply.Nak(RadiusErrorCause.SessionContextNotFound);
        }

        foreach (var attribute in request.Attributes.Where(a => a.VendorId == 2011 && a.TryGetUInt32(out _)))
        {
            attribute.TryGetUInt32(out var bps);
            Reads.Set(account, attribute.VendorType == 2 ? Direction.Up : Direction.Down, bps / 1000);
        }

        return RadiusReply.Ack();
    }

    private ValueTask<RadiusReply> HandleAsync(RadiusRequestContext request, CancellationToken cancellationToken)
    {
        Received.Enqueue(request.Packet);
        RequestArrived.TrySetResult();
        return ValueTask.FromResult((Answer ?? Apply)(request.Packet));
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
