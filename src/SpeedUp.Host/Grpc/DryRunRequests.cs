using System.Net;
using SpeedUp.Core.Errors;
using SpeedUp.Drivers;
using SpeedUp.Scheduler;
using Wire = Broadband.SpeedUp.Admin.V1;

namespace SpeedUp.Host.Grpc;

/// <summary>Turns a dry-run request (admin RPC or command line) into a plan, with product errors for bad input.</summary>
internal static class DryRunRequests
{
    /// <summary>Renders the operation through the named channel of the running service.</summary>
    public static DryRunPlan Render(SupplyChannelRegistry registry, string channelName, DriverOperationKind kind, string? ipAddress, int port, long bandId, string? account, string? direction, long rateKbps)
    {
        var channel = registry.Channel(channelName) ?? throw UnknownChannel(channelName, registry.Channels.Select(c => c.Name));
        return Render(op => channel.DryRun(op), channel.Name, channel.Options.Driver, kind, ipAddress, port, bandId, account, direction, rateKbps);
    }

    /// <summary>The error for a channel name that is not configured.</summary>
    public static SpeedUpException UnknownChannel(string channelName, IEnumerable<string> known) =>
        new(ProductErrorCode.InvalidParameters, FailureKind.NotFound,
            $"No supply channel is named '{(channelName.Length <= 64 ? channelName : channelName[..64] + "…")}' ({string.Join(", ", known)}).");

    /// <summary>Renders the operation with <paramref name="dryRun"/> (null when the driver cannot tell).</summary>
    public static DryRunPlan Render(
        Func<DriverOperation, DryRunPlan?> dryRun, string channelName, string driverName, DriverOperationKind kind, string? ipAddress, int port, long bandId, string? account, string? direction, long rateKbps)
    {
        ArgumentNullException.ThrowIfNull(dryRun);
        IPAddress? address = null;
        if (kind == DriverOperationKind.FindLine && !IPAddress.TryParse(ipAddress, out address))
        {
            throw SpeedUpException.InvalidParameter("find-line needs ip_address, a dotted-quad IPv4 address.");
        }

        var dir = (direction ?? "").ToUpperInvariant() switch
        {
            "UP" => Direction.Up,
            "DOWN" or "" when kind != DriverOperationKind.SetRate => Direction.Down,
            "DOWN" => Direction.Down,
            _ => throw SpeedUpException.InvalidParameter($"direction must be UP or DOWN, got '{direction}'."),
        };
        var line = kind is DriverOperationKind.ReadLine or DriverOperationKind.SetRate ? new LineReference(bandId, account ?? "") : null;
        try
        {
            return dryRun(new DriverOperation(kind, address, port, line, dir, rateKbps))
                ?? throw new SpeedUpException(ProductErrorCode.InvalidParameters, FailureKind.FailedPrecondition,
                    $"The driver of channel '{channelName}' ({driverName}) cannot render a dry run.");
        }
        catch (DriverException e)
        {
            throw SpeedUpException.InvalidParameter($"Channel '{channelName}' would refuse this: {e.Message}");
        }
    }

    /// <summary>An operation named on the command line: find-line, read-line, set-rate or probe.</summary>
    public static DriverOperationKind Parse(string operation) => operation.ToLowerInvariant() switch
    {
        "find-line" => DriverOperationKind.FindLine,
        "read-line" => DriverOperationKind.ReadLine,
        "set-rate" => DriverOperationKind.SetRate,
        "probe" => DriverOperationKind.Probe,
        _ => throw SpeedUpException.InvalidParameter($"operation must be find-line, read-line, set-rate or probe, got '{operation}'."),
    };

    /// <summary>The operation of the admin request.</summary>
    public static DriverOperationKind Of(Wire.DriverOperation operation) => operation switch
    {
        Wire.DriverOperation.FindLine => DriverOperationKind.FindLine,
        Wire.DriverOperation.ReadLine => DriverOperationKind.ReadLine,
        Wire.DriverOperation.SetRate => DriverOperationKind.SetRate,
        Wire.DriverOperation.Probe => DriverOperationKind.Probe,
        _ => throw SpeedUpException.InvalidParameter("operation must be FIND_LINE, READ_LINE, SET_RATE or PROBE."),
    };

    /// <summary>The wire form.</summary>
    public static Wire.DryRunResponse ToWire(DryRunPlan plan)
    {
        var response = new Wire.DryRunResponse { Channel = plan.Channel, Protocol = plan.Protocol };
        response.Steps.AddRange(plan.Steps.Select(s => new Wire.DryRunStep { Send = s.Send, Note = s.Note ?? "" }));
        return response;
    }
}
