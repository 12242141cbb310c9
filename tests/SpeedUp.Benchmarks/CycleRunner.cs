using Broadband.SpeedUp.V1;
using Grpc.Core;

namespace SpeedUp.Benchmarks;

/// <summary>One cycle on one line over gRPC: Precheck → StartSpeedUp(DOWN) → QueryStatus → StopSpeedUp, each call timed.</summary>
internal sealed class CycleRunner(SpeedUpService.SpeedUpServiceClient client, LatencyRecorder recorder, FailureLog failures)
{
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(30);

    /// <returns>True when every call of the cycle succeeded.</returns>
    public async Task<bool> RunAsync(ServiceLine line, CancellationToken cancellationToken)
    {
        var ok = await CallAsync("Precheck", line, () => client.PrecheckAsync(
            new PrecheckRequest { IpAddress = line.IpAddress, Port = line.Port }, Options(cancellationToken)).ResponseAsync,
            r => r.Code == "OK" && r.BandId == line.BandId && r.Offers.Any(o => o.Direction == Direction.Down && o.BandwidthMbps == line.TargetMbps)
                ? null
                : $"code {r.Code}, band {r.BandId}, {r.Offers.Count} offers");
        if (!ok)
        {
            return false;
        }

        ok = await CallAsync("StartSpeedUp", line, () => client.StartSpeedUpAsync(
            new StartSpeedUpRequest { IpAddress = line.IpAddress, Port = line.Port, BandId = line.BandId, Direction = Direction.Down, TargetBandwidthMbps = line.TargetMbps },
            Options(cancellationToken)).ResponseAsync,
            r => r.Success && r.Status?.State == SessionState.Active ? null : $"success {r.Success}, state {r.Status?.State}");
        if (!ok)
        {
            await CleanUpAsync(line, cancellationToken);
            return false;
        }

        ok = await CallAsync("QueryStatus", line, () => client.QueryStatusAsync(
            new QueryStatusRequest { BandId = line.BandId }, Options(cancellationToken)).ResponseAsync,
            r => r.Download?.State == SessionState.Active && r.Download.TargetBandwidthMbps == line.TargetMbps ? null : $"download state {r.Download?.State}");
        ok &= await CallAsync("StopSpeedUp", line, () => client.StopSpeedUpAsync(
            new StopSpeedUpRequest { IpAddress = line.IpAddress, Port = line.Port, BandId = line.BandId, Direction = Direction.Down },
            Options(cancellationToken)).ResponseAsync,
            r => r.Success && r.Status?.State == SessionState.Ended ? null : $"success {r.Success}, state {r.Status?.State}");
        return ok;
    }

    private static CallOptions Options(CancellationToken cancellationToken) =>
        new(deadline: DateTime.UtcNow.Add(CallDeadline), cancellationToken: cancellationToken);

    private async Task<bool> CallAsync<T>(string rpc, ServiceLine line, Func<Task<T>> call, Func<T, string?> problemOf)
    {
        try
        {
            var response = await recorder.TimeAsync(rpc, call);
            var problem = problemOf(response);
            if (problem is not null)
            {
                failures.Add(rpc, line, "unexpected answer: " + problem);
                return false;
            }

            return true;
        }
        catch (RpcException exception)
        {
            failures.Add(rpc, line, exception);
            return false;
        }
    }

    /// <summary>After a failed start: stop whatever may have been applied, so nothing is left sped up (not timed).</summary>
    private async Task CleanUpAsync(ServiceLine line, CancellationToken cancellationToken)
    {
        try
        {
            await client.StopSpeedUpAsync(
                new StopSpeedUpRequest { IpAddress = line.IpAddress, Port = line.Port, BandId = line.BandId, Direction = Direction.Down },
                Options(cancellationToken));
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.NotFound)
        {
            // Nothing was active: nothing to restore.
        }
        catch (RpcException exception)
        {
            failures.Add("StopSpeedUp (clean-up)", line, exception);
        }
    }
}
