using Broadband.SpeedUp.V1;
using Grpc.Core;

namespace SpeedUp.Testing;

/// <summary>
/// Stops the speed-up of one direction of a line, if one is still running, when disposed: the simulators are shared by
/// the tests of a collection, and a test that fails half-way must not leave the next one a line that is already sped up.
/// Declare it after the service, so that it runs before the service stops.
/// </summary>
public sealed class LineRestorer(SpeedUpService.SpeedUpServiceClient client, string ipAddress, Direction direction, int port = 0) : IAsyncDisposable
{
    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            var precheck = await client.PrecheckAsync(new PrecheckRequest { IpAddress = ipAddress, Port = port });
            await client.StopSpeedUpAsync(new StopSpeedUpRequest { IpAddress = ipAddress, Port = port, BandId = precheck.BandId, Direction = direction });
        }
        catch (RpcException)
        {
            // Nothing running (or already stopped by the test).
        }
    }
}
