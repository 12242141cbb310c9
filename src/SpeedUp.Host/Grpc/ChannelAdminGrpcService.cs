using System.Globalization;
using Broadband.SpeedUp.Admin.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using SpeedUp.Core.Errors;
using SpeedUp.Scheduler;
using Wire = Broadband.SpeedUp.Admin.V1;

namespace SpeedUp.Host.Grpc;

/// <summary>The operator's view of the supply channels (protos/broadband/speedup/admin/v1/channels.proto).</summary>
internal sealed class ChannelAdminGrpcService(SupplyChannelRegistry registry) : ChannelAdmin.ChannelAdminBase
{
    /// <inheritdoc />
    public override async Task<ListChannelsResponse> ListChannels(ListChannelsRequest request, ServerCallContext context)
    {
        await registry.RefreshUsageAsync(context.CancellationToken).ConfigureAwait(false);
        var response = new ListChannelsResponse();
        response.Channels.AddRange(registry.Channels.Select(ToWire));
        response.RecentFailovers.AddRange(registry.RecentFailovers.Select(f => new Wire.FailoverEvent
        {
            At = Timestamp.FromDateTimeOffset(f.At),
            FromChannel = f.FromChannel,
            Operation = f.Operation,
            Reason = f.Reason,
        }));
        return response;
    }

    /// <inheritdoc />
    public override async Task<ChannelStatus> ProbeChannel(ProbeChannelRequest request, ServerCallContext context)
    {
        var channel = registry.Channel(request.Name)
            ?? throw new SpeedUpException(ProductErrorCode.InvalidParameters, FailureKind.NotFound,
                $"No supply channel is named '{Truncate(request.Name)}' ({string.Join(", ", registry.Channels.Select(c => c.Name))}).");
        await channel.ProbeAsync(context.CancellationToken).ConfigureAwait(false);
        return ToWire(channel);
    }

    /// <inheritdoc />
    public override Task<DryRunResponse> DryRun(DryRunRequest request, ServerCallContext context) =>
        Task.FromResult(DryRunRequests.ToWire(DryRunRequests.Render(
            registry, request.Channel, DryRunRequests.Of(request.Operation), request.IpAddress, request.Port, request.BandId, request.Account,
            request.Direction, request.RateKbps)));

    private static string Truncate(string name) => name.Length <= 64 ? name : name[..64] + "…";

    private static ChannelStatus ToWire(SupplyChannel channel)
    {
        var options = channel.Options;
        var health = channel.Health.Snapshot();
        var status = new ChannelStatus
        {
            Name = options.Name,
            Carrier = options.Carrier.ToString(),
            Driver = options.Driver,
            Priority = options.Priority,
            Weight = options.Weight,
            Cost = options.Cost.ToString(CultureInfo.InvariantCulture),
            Health = health.State switch
            {
                ChannelHealthState.Healthy => Health.Healthy,
                ChannelHealthState.Unhealthy => Health.Unhealthy,
                _ => Health.Unknown,
            },
            HealthDetail = health.Detail,
            ProbeLatencyMs = health.ProbeLatency.TotalMilliseconds,
            ConsecutiveFaults = health.ConsecutiveFaults,
            Circuit = channel.Circuit switch
            {
                ChannelCircuitState.Open => CircuitState.Open,
                ChannelCircuitState.HalfOpen => CircuitState.HalfOpen,
                ChannelCircuitState.Isolated => CircuitState.Isolated,
                _ => CircuitState.Closed,
            },
            Capacity = new Capacity
            {
                MaxSpeedUps = options.Capacity.MaxSpeedUps,
                SpeedUpsInUse = channel.Capacity.SpeedUpsInUse,
                BandwidthPoolMbps = options.Capacity.BandwidthPoolMbps,
                BandwidthInUseMbps = channel.Capacity.BandwidthInUseMbps,
            },
            Counters = new Counters
            {
                Calls = channel.Counters.Calls,
                ChannelFaults = channel.Counters.ChannelFaults,
                FailoversFrom = channel.Counters.FailoversFrom,
                RejectedFull = channel.Counters.RejectedFull,
                CircuitOpened = channel.Counters.CircuitOpened,
                RefusedBusy = channel.Counters.RefusedBusy,
            },
            Admission = new Admission
            {
                MaxConcurrentCalls = channel.Admission.MaxConcurrentCalls,
                Running = channel.Admission.Running,
                Waiting = channel.Admission.Waiting,
                QueueLimit = channel.Admission.QueueLimit,
                QueueLimitPerCustomer = channel.Admission.QueueLimitPerCustomer,
            },
        };
        status.Provinces.AddRange(channel.Provinces);
        status.Tiers.AddRange(channel.Tiers.Select(t => t.ToString()));
        if (health.ObservedAt is { } observed)
        {
            status.ObservedAt = Timestamp.FromDateTimeOffset(observed);
        }

        if (health.ProbedAt is { } probed)
        {
            status.ProbedAt = Timestamp.FromDateTimeOffset(probed);
        }

        return status;
    }
}
